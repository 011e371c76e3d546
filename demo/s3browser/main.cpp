// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// s3browser: a small S3 browser built on qtsigv4's AwsNetworkAccessManager.
//
//   s3browser                                   # asks where to connect
//   s3browser --endpoint http://127.0.0.1:5000  # key from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
//   s3browser --profile work --region eu-west-1 # AWS with a profile of ~/.aws
//   s3browser ... --screenshots DIR             # saves screenshots and quits
#include "mainwindow.h"
#include "screenshottour.h"
#include "s3objectmodel.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qsettings.h>
#include <QtCore/qtimer.h>
#include <QtWidgets/qapplication.h>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("qtsigv4"));
    QApplication::setApplicationName(QStringLiteral("s3browser"));
    QApplication::setApplicationDisplayName(QStringLiteral("S3 Browser"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Browse S3 buckets with SigV4-signed requests (qtsigv4). Without --endpoint or "
            "--profile it shows the connect dialog. The secret key is read from "
            "AWS_SECRET_ACCESS_KEY or a profile, never from the command line."));
    parser.addHelpOption();
    const QCommandLineOption endpoint(QStringLiteral("endpoint"), QStringLiteral("S3-compatible endpoint URL (default: AWS)."), QStringLiteral("url"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region (default: AWS_REGION or us-east-1)."), QStringLiteral("region"));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile of ~/.aws/credentials or ~/.aws/config."), QStringLiteral("name"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"), QStringLiteral("Keys per ListObjectsV2 page (default 1000)."), QStringLiteral("n"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"), QStringLiteral("Save screenshots into DIR and quit."), QStringLiteral("dir"));
    parser.addOptions({ endpoint, region, profile, pageSize, screenshots });
    parser.process(app);

    MainWindow window;
    if (parser.isSet(pageSize))
        window.objectModel()->setPageSize(parser.value(pageSize).toInt());

    const bool direct = parser.isSet(endpoint) || parser.isSet(profile);
    if (direct) {
        S3ConnectionSettings settings;
        settings.endpoint = QUrl(parser.value(endpoint));
        settings.region = parser.value(region);
        if (settings.region.isEmpty())
            settings.region = qEnvironmentVariable("AWS_REGION", qEnvironmentVariable("AWS_DEFAULT_REGION", QStringLiteral("us-east-1")));
        settings.profile = parser.value(profile);
        if (!settings.usesProfile()) {
            settings.accessKeyId = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
            settings.secretAccessKey = qEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            settings.sessionToken = qEnvironmentVariable("AWS_SESSION_TOKEN");
        }
        ScreenshotTour *tour = nullptr;
        if (parser.isSet(screenshots)) {
            tour = new ScreenshotTour(&window, parser.value(screenshots), &window);
            tour->start();
        }
        if (!window.connectTo(settings) && tour)
            return 1;
    } else if (parser.isSet(screenshots)) {
        qCritical("s3browser: --screenshots needs --endpoint or --profile");
        return 2;
    } else {
        QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
    }
    window.show();
    return app.exec();
}
