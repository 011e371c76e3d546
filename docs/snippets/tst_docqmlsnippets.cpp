// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The QML snippets (docs/snippets/qml) load in a QQmlEngine with the QtSigV4 module of the
// build tree, and their AwsSigning installs its network access manager factory. Their
// text in README.md is checked by tst_docsnippets.
#include <QtCore/qdir.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlnetworkaccessmanagerfactory.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

class tst_DocQmlSnippets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void load_data();
    void load();
};

void tst_DocQmlSnippets::initTestCase()
{
    // The README's example names a profile: keep the user's AWS files out of the test.
    qputenv("AWS_CONFIG_FILE", "/nonexistent/qtsigv4-docs/config");
    qputenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/qtsigv4-docs/credentials");
}

void tst_DocQmlSnippets::load_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(QTSIGV4_SOURCE_DIR "/docs/snippets/qml"));
    const QStringList files = dir.entryList({ u"*.qml"_s }, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
#ifndef QTSIGV4_QML_WITH_S3
        if (file == u"objectmodel.qml"_s || file == u"transfer.qml"_s)
            continue; // S3ObjectModel and S3Transfer come with the S3 module
#endif
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }
}

void tst_DocQmlSnippets::load()
{
    QFETCH(QString, file);
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(&engine, QUrl::fromLocalFile(file));
    QVERIFY2(component.status() == QQmlComponent::Ready, qPrintable(component.errorString()));
    QScopedPointer<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    QVERIFY(engine.networkAccessManagerFactory()); // AwsSigning installed its factory
}

QTEST_MAIN(tst_DocQmlSnippets)
#include "tst_docqmlsnippets.moc"
