// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// S3ObjectModel from QML (s3objects.qml), seen as a view sees it: rows, roles, status and
// pages. Against s3rver for folders (moto 5.2.1 refuses a listing with encoding-type=url and a
// '/' in its query) and against moto, which verifies the signature, for buckets and a flat
// listing.
#include "motoserver.h"
#include "s3rverserver.h"
#include "testhttpserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qabstractitemmodel.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qtest.h>

#include <memory>

class tst_QmlS3ObjectModel : public QObject
{
    Q_OBJECT
public:
    enum Server { Moto, S3rver };
    Q_ENUM(Server)

private Q_SLOTS:
    void initTestCase();
    void listing_data();
    void listing();
    void pages();
    void prefixChangeListsAgain();
    void wrongSecretIsAnError();
    void unreachableEndpointIsAnError();
    void repeatedPageIsAnError();

private:
    struct Loaded
    {
        std::unique_ptr<QQmlEngine> engine;
        std::unique_ptr<QObject> root;
        QAbstractItemModel *model = nullptr;
    };
    Loaded load(const QUrl &endpoint, const AwsCredentials &credentials);
    static QStringList column(QAbstractItemModel *model, const QByteArray &role);
    static bool settle(QAbstractItemModel *model);
    bool seed(const QUrl &endpoint, const AwsCredentials &credentials, const QString &bucket,
              const QStringList &keys);

    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<S3rverServer> m_s3rver;
};

// Status values of S3ObjectModel (Null, Loading, Ready, Error).
enum { Null, Loading, Ready, Error };

void tst_QmlS3ObjectModel::initTestCase()
{
    m_s3rver = std::make_unique<S3rverServer>();
    QTSIGV4_START_S3RVER_OR_SKIP(*m_s3rver);
    m_moto = std::make_unique<MotoServer>();
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);

    QStringList keys = { QStringLiteral("top.txt"), QStringLiteral("photos/"),
                         QStringLiteral("photos/b.jpg"), QStringLiteral("photos/2026/a.jpg"),
                         QStringLiteral("docs/c.txt") };
    for (int i = 0; i < 25; ++i)
        keys.append(QStringLiteral("logs/%1.txt").arg(i, 3, 10, QLatin1Char('0')));
    QVERIFY(seed(m_s3rver->endpoint(), S3rverServer::credentials(), QStringLiteral("qml-objects"), keys));
    QVERIFY(seed(m_moto->endpoint(), m_moto->credentials(), QStringLiteral("qml-moto"),
                 { QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt") }));
}

// The bucket and its keys (each object's body is its key), through a plain signing manager.
bool tst_QmlS3ObjectModel::seed(const QUrl &endpoint, const AwsCredentials &credentials,
                                const QString &bucket, const QStringList &keys)
{
    AwsStaticCredentialsProvider provider(credentials);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(endpoint, QStringLiteral("s3"),
                                               QStringLiteral("us-east-1"), &provider));
    QStringList paths = { bucket };
    for (const QString &key : keys)
        paths.append(bucket + QLatin1Char('/') + key);
    for (const QString &path : paths) {
        std::unique_ptr<QNetworkReply> reply(manager.put(
                QNetworkRequest(endpoint.resolved(QUrl(path))),
                path == bucket ? QByteArray() : path.toUtf8()));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 30000)
            || reply->error() != QNetworkReply::NoError) {
            qWarning("PUT %s: %s", qPrintable(path), qPrintable(reply->errorString()));
            return false;
        }
    }
    return true;
}

tst_QmlS3ObjectModel::Loaded tst_QmlS3ObjectModel::load(const QUrl &endpoint,
                                                        const AwsCredentials &credentials)
{
    Loaded loaded;
    loaded.engine = std::make_unique<QQmlEngine>();
    loaded.engine->addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(loaded.engine.get(),
                            QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/s3objects.qml")));
    loaded.root.reset(component.createWithInitialProperties(
            { { QStringLiteral("endpoint"), endpoint },
              { QStringLiteral("keyId"), credentials.accessKeyId() },
              { QStringLiteral("secret"), credentials.secretAccessKey() } }));
    if (!loaded.root) {
        qWarning().noquote() << component.errorString();
        return loaded;
    }
    loaded.model = qobject_cast<QAbstractItemModel *>(
            loaded.root->property("objects").value<QObject *>());
    return loaded;
}

QStringList tst_QmlS3ObjectModel::column(QAbstractItemModel *model, const QByteArray &role)
{
    const int roleId = model->roleNames().key(role, -1);
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values.append(model->index(row, 0).data(roleId).toString());
    return values;
}

// Waits for the listing the last property change queued to end, in Ready or Error.
bool tst_QmlS3ObjectModel::settle(QAbstractItemModel *model)
{
    QTest::qWait(0); // the queued refresh starts
    return QTest::qWaitFor([model] {
        const int status = model->property("status").toInt();
        return status == Ready || status == Error;
    }, 30000);
}

void tst_QmlS3ObjectModel::listing_data()
{
    QTest::addColumn<Server>("server");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("kinds");
    const QString folder = QStringLiteral("folder"), object = QStringLiteral("object");
    QTest::newRow("moto: the buckets") << Moto << QString() << QString() << QStringLiteral("/")
                                       << QStringList{ QStringLiteral("qml-moto") }
                                       << QStringList{ QStringLiteral("bucket") };
    QTest::newRow("moto: a flat bucket, signature verified")
            << Moto << QStringLiteral("qml-moto") << QString() << QString()
            << QStringList{ QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt") }
            << QStringList{ object, object, object };
    QTest::newRow("s3rver: top level: folders, then objects")
            << S3rver << QStringLiteral("qml-objects") << QString() << QStringLiteral("/")
            << QStringList{ QStringLiteral("docs/"), QStringLiteral("logs/"), QStringLiteral("photos/"),
                            QStringLiteral("top.txt") }
            << QStringList{ folder, folder, folder, object };
    // The folder's own marker object "photos/" is not a row of itself.
    QTest::newRow("s3rver: inside photos/, names relative to it")
            << S3rver << QStringLiteral("qml-objects") << QStringLiteral("photos/") << QStringLiteral("/")
            << QStringList{ QStringLiteral("2026/"), QStringLiteral("b.jpg") }
            << QStringList{ folder, object };
}

void tst_QmlS3ObjectModel::listing()
{
    QFETCH(Server, server);
    QFETCH(QString, bucket);
    QFETCH(QString, prefix);
    QFETCH(QString, delimiter);
    QFETCH(QStringList, names);
    QFETCH(QStringList, kinds);
    const bool moto = server == Moto;
    Loaded loaded = load(moto ? m_moto->endpoint() : m_s3rver->endpoint(),
                         moto ? m_moto->credentials() : S3rverServer::credentials());
    QVERIFY(loaded.model);
    QAbstractItemModel *model = loaded.model;
    model->setProperty("delimiter", delimiter);
    model->setProperty("prefix", prefix);
    model->setProperty("bucket", bucket);
    QVERIFY(settle(model));
    QVERIFY2(model->property("status").toInt() == Ready,
             qPrintable(model->property("errorString").toString()));
    QStringList listed = column(model, "name");
    if (bucket.isEmpty()) // other tests' buckets may be there too
        listed = listed.filter(QStringLiteral("qml-moto"));
    QCOMPARE(listed, names);
    QCOMPARE(column(model, "kind").mid(0, kinds.size()), kinds);
    QCOMPARE(model->property("count").toInt(), model->rowCount());
    QVERIFY(!model->property("hasMore").toBool());
    if (!bucket.isEmpty()) {
        const int last = model->rowCount() - 1; // an object: key, size, date, ETag
        QCOMPARE(model->index(last, 0).data(model->roleNames().key("key")).toString(),
                 prefix + names.constLast());
        QCOMPARE(model->index(last, 0).data(model->roleNames().key("size")).toLongLong(),
                 qint64((bucket + QLatin1Char('/') + prefix + names.constLast()).toUtf8().size()));
        QVERIFY(model->index(last, 0).data(model->roleNames().key("lastModified")).toDateTime().isValid());
        QVERIFY(!model->index(last, 0).data(model->roleNames().key("eTag")).toString().isEmpty());
    }
}

// Pages of 10 from 25 keys: the view's fetchMore() loads the next page while there is one.
void tst_QmlS3ObjectModel::pages()
{
    Loaded loaded = load(m_s3rver->endpoint(), S3rverServer::credentials());
    QVERIFY(loaded.model);
    QAbstractItemModel *model = loaded.model;
    model->setProperty("pageSize", 10);
    model->setProperty("prefix", QStringLiteral("logs/"));
    model->setProperty("bucket", QStringLiteral("qml-objects"));
    QVERIFY(settle(model));
    QCOMPARE(model->rowCount(), 10);
    QVERIFY(model->property("hasMore").toBool());
    QVERIFY(model->canFetchMore(QModelIndex()));
    for (int expected : { 20, 25 }) {
        model->fetchMore(QModelIndex());
        QCOMPARE(model->property("status").toInt(), int(Loading));
        QVERIFY(!model->canFetchMore(QModelIndex())); // one page at a time
        QVERIFY(settle(model));
        QCOMPARE(model->rowCount(), expected);
    }
    QVERIFY(!model->property("hasMore").toBool());
    QVERIFY(!model->canFetchMore(QModelIndex()));
    QStringList expected;
    for (int i = 0; i < 25; ++i)
        expected.append(QStringLiteral("%1.txt").arg(i, 3, 10, QLatin1Char('0')));
    QCOMPARE(column(model, "name"), expected);
}

void tst_QmlS3ObjectModel::prefixChangeListsAgain()
{
    Loaded loaded = load(m_s3rver->endpoint(), S3rverServer::credentials());
    QVERIFY(loaded.model);
    QAbstractItemModel *model = loaded.model;
    model->setProperty("bucket", QStringLiteral("qml-objects"));
    QVERIFY(settle(model));
    QCOMPARE(model->rowCount(), 4);
    model->setProperty("prefix", QStringLiteral("docs/"));
    QVERIFY(settle(model));
    QCOMPARE(column(model, "name"), QStringList{ QStringLiteral("c.txt") });
    QMetaObject::invokeMethod(model, "refresh");
    QVERIFY(settle(model));
    QCOMPARE(model->rowCount(), 1);
    QVariant key;
    QVERIFY(QMetaObject::invokeMethod(model, "get", Qt::DirectConnection, Q_RETURN_ARG(QVariant, key),
                                      Q_ARG(int, 0), Q_ARG(QString, QStringLiteral("key"))));
    QCOMPARE(key.toString(), QStringLiteral("docs/c.txt"));
}

void tst_QmlS3ObjectModel::wrongSecretIsAnError()
{
    const AwsCredentials wrong(m_moto->credentials().accessKeyId(), QStringLiteral("not-the-secret-123"));
    Loaded loaded = load(m_moto->endpoint(), wrong);
    QVERIFY(loaded.model);
    QAbstractItemModel *model = loaded.model;
    model->setProperty("bucket", QStringLiteral("qml-moto"));
    QVERIFY(settle(model));
    QCOMPARE(model->property("status").toInt(), int(Error));
    const QString error = model->property("errorString").toString();
    QVERIFY2(error.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("not-the-secret-123")));
    QCOMPARE(model->rowCount(), 0);
}

void tst_QmlS3ObjectModel::unreachableEndpointIsAnError()
{
    // A port nothing listens on (the moto port of a server that is gone would do too).
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QUrl endpoint(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
    closed.close();
    Loaded loaded = load(endpoint, S3rverServer::credentials());
    QVERIFY(loaded.model);
    loaded.model->setProperty("bucket", QStringLiteral("anything"));
    QVERIFY(settle(loaded.model));
    QCOMPARE(loaded.model->property("status").toInt(), int(Error));
    QVERIFY(!loaded.model->property("errorString").toString().isEmpty());
}

// A server that says "truncated" with the token it was given: the view would ask for the same
// page for ever. The second identical token ends the listing with an error; the rows stay.
void tst_QmlS3ObjectModel::repeatedPageIsAnError()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &) {
        TestHttpServer::Response r = TestHttpServer::Response::text(
                200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                     "<ListBucketResult><Name>loop</Name><IsTruncated>true</IsTruncated>"
                     "<NextContinuationToken>again</NextContinuationToken>"
                     "<Contents><Key>k</Key><Size>1</Size></Contents></ListBucketResult>");
        r.headers = { { "Content-Type", "application/xml" } };
        return r;
    });
    Loaded loaded = load(server.url(), S3rverServer::credentials());
    QVERIFY(loaded.model);
    QAbstractItemModel *model = loaded.model;
    model->setProperty("delimiter", QString());
    model->setProperty("bucket", QStringLiteral("loop"));
    QVERIFY(settle(model));
    QCOMPARE(model->property("status").toInt(), int(Ready));
    QVERIFY(model->canFetchMore(QModelIndex()));
    model->fetchMore(QModelIndex());
    QVERIFY(settle(model));
    QCOMPARE(model->property("status").toInt(), int(Error));
    QVERIFY2(model->property("errorString").toString().contains(QStringLiteral("did not advance")),
             qPrintable(model->property("errorString").toString()));
    QVERIFY(!model->canFetchMore(QModelIndex()));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(server.requests().size(), 2);
}

QTEST_MAIN(tst_QmlS3ObjectModel)
#include "tst_qmls3objectmodel.moc"
