// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// `sigv4 sign --profile` with an IAM Identity Center (SSO) profile (issue 18): the credentials
// come from a portal of this test's own on 127.0.0.1 (AWS_ENDPOINT_URL_SSO), with the token
// that `aws sso login` would have cached in a temporary HOME.
#include "sigv4process.h"
#include "testhttpserver.h"
#include "testsecrets.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

namespace {

const QString token = QStringLiteral("aoaAAAAAGcliTOKEN/for+portal");
const QString secret = QStringLiteral("cli/SSO+secret=key0123456789abcdef");
const QString sessionToken = QStringLiteral("IQoJcli/session+token");

QByteArray roleAnswer()
{
    const qint64 expiration = QDateTime::currentDateTimeUtc().addSecs(3600).toMSecsSinceEpoch();
    return "{\"roleCredentials\":{\"accessKeyId\":\"ASIACLISSO\",\"secretAccessKey\":\"" + secret.toUtf8()
            + "\",\"sessionToken\":\"" + sessionToken.toUtf8() + "\",\"expiration\":"
            + QByteArray::number(expiration) + "}}";
}

QStringList signFlags()
{
    return { QStringLiteral("sign"), QStringLiteral("--region"), QStringLiteral("us-east-1"),
             QStringLiteral("--service"), QStringLiteral("service"), QStringLiteral("--time"),
             QStringLiteral("20150830T123600Z") };
}

} // namespace

class tst_Sigv4CliSso : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signWithSsoProfile_data();
    void signWithSsoProfile();

private:
    Sigv4Process::Result runAsync(const QStringList &arguments, const QProcessEnvironment &environment);
    QTemporaryDir m_home;
};

void tst_Sigv4CliSso::initTestCase()
{
    QVERIFY(m_home.isValid());
    publishTestSecrets(AwsCredentials(QStringLiteral("AKID"), secret, sessionToken));
    publishTestSecrets(AwsCredentials(QStringLiteral("AKID"), token));
}

// Sigv4Process::run() blocks; the server here must answer while the child runs.
Sigv4Process::Result tst_Sigv4CliSso::runAsync(const QStringList &arguments,
                                               const QProcessEnvironment &environment)
{
    Sigv4Process::Result result;
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(Sigv4Process::executable(), arguments);
    result.started = process.waitForStarted(30000);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    result.timedOut = !finished.wait(60000);
    if (result.timedOut) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void tst_Sigv4CliSso::signWithSsoProfile_data()
{
    QTest::addColumn<bool>("cached");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("errorMessage"); // empty: signs
    QTest::newRow("signs with the role's credentials") << true << QStringLiteral("ReadOnly") << QString();
    QTest::newRow("no cached token") << false << QStringLiteral("ReadOnly")
                                     << QStringLiteral("there is no cached SSO token");
    QTest::newRow("no cached token: advice") << false << QStringLiteral("ReadOnly")
                                             << QStringLiteral("run aws sso login --profile dev");
    QTest::newRow("role not assigned") << true << QStringLiteral("Admin")
                                       << QStringLiteral("--profile dev: profile dev: sso: no access to role "
                                                         "Admin in account 111122223333");
}

void tst_Sigv4CliSso::signWithSsoProfile()
{
    QFETCH(bool, cached);
    QFETCH(QString, role);
    QFETCH(QString, errorMessage);

    TestHttpServer portal;
    QVERIFY(portal.listen());
    portal.setHandler([](const TestHttpServer::Request &request) {
        if (request.path() != "/federation/credentials" || request.header("x-amz-sso_bearer_token") != token.toUtf8())
            return TestHttpServer::Response::json(401, "{\"message\":\"Session token not found or invalid\"}");
        if (!request.target.contains("account_id=111122223333&role_name=ReadOnly"))
            return TestHttpServer::Response::json(403, "{\"message\":\"No access\"}");
        return TestHttpServer::Response::json(200, roleAnswer());
    });

    const QString config = m_home.filePath(QStringLiteral("config"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = "
               + role.toUtf8() + "\n[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\n"
               "sso_region = us-east-1\n");
    file.close();
    const QString cacheDir = m_home.filePath(QStringLiteral(".aws/sso/cache"));
    QDir(cacheDir).removeRecursively();
    QVERIFY(QDir().mkpath(cacheDir));
    if (cached) {
        QFile cache(cacheDir + u'/'
                    + QString::fromLatin1(QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex())
                    + QStringLiteral(".json"));
        QVERIFY(cache.open(QIODevice::WriteOnly));
        cache.write("{\"accessToken\":\"" + token.toUtf8() + "\",\"expiresAt\":\""
                    + QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1() + "\"}");
    }
    const QString request = m_home.filePath(QStringLiteral("get.req"));
    QFile req(request);
    QVERIFY(req.open(QIODevice::WriteOnly | QIODevice::Truncate));
    req.write("GET /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\n");
    req.close();

    QProcessEnvironment environment = Sigv4Process::cleanEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), config);
    environment.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), portal.url().toString());
    const Sigv4Process::Result viaSso = runAsync(
            signFlags() << request << QStringLiteral("--profile") << QStringLiteral("dev"), environment);
    QVERIFY(viaSso.started);
    QVERIFY(!viaSso.timedOut);
    for (const QString &s : { token, secret, sessionToken }) {
        QVERIFY(!viaSso.err.contains(s.toUtf8()));
        QVERIFY(!viaSso.out.contains(s.toUtf8()) || s == sessionToken);
    }
    if (!errorMessage.isEmpty()) {
        QVERIFY(viaSso.exitCode != 0);
        QVERIFY2(viaSso.err.contains(errorMessage.toUtf8()), viaSso.err.constData());
        QCOMPARE(portal.requestCount(), cached ? 1 : 0);
        return;
    }
    QVERIFY2(viaSso.exitCode == 0, viaSso.err.constData());
    QCOMPARE(portal.requestCount(), 1);

    // The same request signed with the role's credentials given as flags: the same output.
    const Sigv4Process::Result viaFlags = runAsync(
            signFlags() << request << QStringLiteral("--access-key-id") << QStringLiteral("ASIACLISSO")
                        << QStringLiteral("--secret-access-key") << secret
                        << QStringLiteral("--session-token") << sessionToken,
            environment);
    QVERIFY2(viaFlags.exitCode == 0, viaFlags.err.constData());
    QVERIFY(viaSso.out.contains("Credential=ASIACLISSO/20150830/us-east-1/service/aws4_request"));
    QCOMPARE(viaSso.out, viaFlags.out);
}

QTEST_GUILESS_MAIN(tst_Sigv4CliSso)
#include "tst_sigv4clisso.moc"
