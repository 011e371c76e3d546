// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// s3qml: browses buckets and folders from QML with S3ObjectModel; AwsSigning gives the credentials.
//
//   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... s3qml --endpoint http://127.0.0.1:5000
//   s3qml --profile dev --region eu-west-1
#include <QtCore/qcommandlineparser.h>
#include <QtCore/qdir.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlengine.h>
#include <QtQuick/qquickview.h>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption endpoint(QStringLiteral("endpoint"), QStringLiteral("S3 endpoint URL."), QStringLiteral("url"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region."), QStringLiteral("region"), QStringLiteral("us-east-1"));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile of ~/.aws."), QStringLiteral("name"));
    const QCommandLineOption grab(QStringLiteral("grab"), QStringLiteral("Save a screenshot to FILE once loaded, then quit."), QStringLiteral("file"));
    parser.addOptions({ endpoint, region, profile, grab });
    parser.process(app);

    QQuickView view;
    // In the build tree the module is next to the library; installed, it is in Qt's QML path.
    if (QDir(QStringLiteral(QTSIGV4_QML_IMPORT_DIR)).exists())
        view.engine()->addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    view.setInitialProperties({
            { QStringLiteral("endpoint"), QUrl(parser.value(endpoint)) },
            { QStringLiteral("region"), parser.value(region) },
            { QStringLiteral("profile"), parser.value(profile) },
            { QStringLiteral("keyId"), qEnvironmentVariable("AWS_ACCESS_KEY_ID") },
            { QStringLiteral("secret"), qEnvironmentVariable("AWS_SECRET_ACCESS_KEY") },
            { QStringLiteral("grabFile"), parser.value(grab) } });
    QObject::connect(view.engine(), &QQmlEngine::quit, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.setTitle(QStringLiteral("S3 from QML — qtsigv4"));
    view.setSource(QUrl(QStringLiteral("qrc:/s3qml/Main.qml")));
    if (view.status() == QQuickView::Error)
        return 1;
    view.resize(720, 480);
    view.show();
    return app.exec();
}
