// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The shared config / credentials file parser, file locations, region and endpoint resolution.
#include <qtsigv4/awsconfigfile.h>

#include "awstestenvironment.h"

#include <QtCore/qelapsedtimer.h>
#include <QtTest/QtTest>

#ifdef Q_OS_UNIX
#  include <fcntl.h>
#  include <sys/stat.h>
#  include <unistd.h>
#endif

using Properties = AwsConfigFile::Properties;

class tst_AwsConfigFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void malformed_data();
    void malformed();
    void profileNames();
    void subProperties();
    void missingFile();
    void oddFiles_data();
    void oddFiles();
    void paths_data();
    void paths();
    void activeProfile_data();
    void activeProfile();
    void mergedProfile();
    void region_data();
    void region();
    void endpoint_data();
    void endpoint();
};

void tst_AwsConfigFile::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<Properties>("expected");

    const int config = AwsConfigFile::ConfigFile;
    const int credentials = AwsConfigFile::CredentialsFile;

    QTest::newRow("config default")
            << QByteArray("[default]\nregion = eu-west-1\noutput=json\n") << config << "default"
            << Properties{ { "region", "eu-west-1" }, { "output", "json" } };
    QTest::newRow("config profile prefix")
            << QByteArray("[profile dev]\nregion = us-west-2\n") << config << "dev"
            << Properties{ { "region", "us-west-2" } };
    QTest::newRow("config profile extra spaces")
            << QByteArray("[  profile   dev  ]\nregion=us-west-2\n") << config << "dev"
            << Properties{ { "region", "us-west-2" } };
    QTest::newRow("config bare section is not a profile")
            << QByteArray("[dev]\nregion = us-west-2\n") << config << "dev" << Properties{};
    QTest::newRow("config profile default beats default")
            << QByteArray("[profile default]\nregion = a\n[default]\nregion = b\n") << config
            << "default" << Properties{ { "region", "a" } };
    QTest::newRow("config default then profile default")
            << QByteArray("[default]\nregion = b\noutput = x\n[profile default]\nregion = a\n")
            << config << "default" << Properties{ { "region", "a" } };
    QTest::newRow("credentials bare section")
            << QByteArray("[dev]\naws_access_key_id = AKID\naws_secret_access_key = S/+=\n")
            << credentials << "dev"
            << Properties{ { "aws_access_key_id", "AKID" }, { "aws_secret_access_key", "S/+=" } };
    QTest::newRow("credentials profile prefix is literal")
            << QByteArray("[profile dev]\naws_access_key_id = AKID\n") << credentials
            << "profile dev" << Properties{ { "aws_access_key_id", "AKID" } };
    QTest::newRow("comments and blank lines")
            << QByteArray("# top\n; also\n\n[default] # trailing\n  \nregion = x # comment\n"
                          "output = a#b\n")
            << config << "default" << Properties{ { "region", "x" }, { "output", "a#b" } };
    QTest::newRow("keys are case-insensitive")
            << QByteArray("[default]\nRegion = x\nAWS_ACCESS_KEY_ID = K\n") << config << "default"
            << Properties{ { "region", "x" }, { "aws_access_key_id", "K" } };
    QTest::newRow("crlf")
            << QByteArray("[default]\r\nregion = x\r\n") << config << "default"
            << Properties{ { "region", "x" } };
    QTest::newRow("value with equals and spaces")
            << QByteArray("[default]\ncredential_process = /bin/tool --opt=a b\n") << config
            << "default" << Properties{ { "credential_process", "/bin/tool --opt=a b" } };
    QTest::newRow("continuation")
            << QByteArray("[default]\nlong = first\n  second\n") << config << "default"
            << Properties{ { "long", "first\nsecond" } };
    QTest::newRow("repeated section merges, last key wins")
            << QByteArray("[default]\na = 1\nb = 1\n[default]\nb = 2\n") << config << "default"
            << Properties{ { "a", "1" }, { "b", "2" } };
    QTest::newRow("empty value")
            << QByteArray("[default]\nregion =\n") << config << "default"
            << Properties{ { "region", "" } };
}

void tst_AwsConfigFile::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(int, type);
    QFETCH(QString, profile);
    QFETCH(Properties, expected);
    const AwsConfigFile file = AwsConfigFile::fromData(text, AwsConfigFile::FileType(type));
    QVERIFY2(!file.hasError(), qPrintable(file.errorString()));
    QCOMPARE(file.profile(profile), expected);
    QCOMPARE(file.hasProfile(profile), !expected.isEmpty());
}

void tst_AwsConfigFile::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expectedLine");
    QTest::newRow("property before section") << QByteArray("region = x\n") << ":1:";
    QTest::newRow("line without equals") << QByteArray("[default]\nregion\n") << ":2:";
    QTest::newRow("unterminated section") << QByteArray("[default]\na=1\n[profile x\n") << ":3:";
    QTest::newRow("empty section") << QByteArray("\n[]\n") << ":2:";
    QTest::newRow("property without name") << QByteArray("[default]\n= x\n") << ":2:";
    QTest::newRow("bad sub-property") << QByteArray("[default]\ns3 =\n  nonsense\n") << ":3:";
    QTest::newRow("text after section") << QByteArray("[default] junk\n") << ":1:";
}

void tst_AwsConfigFile::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expectedLine);
    const AwsConfigFile file = AwsConfigFile::fromData(text, AwsConfigFile::ConfigFile,
                                                       QStringLiteral("/tmp/cfg"));
    QVERIFY(file.hasError());
    QCOMPARE(file.error(), AwsConfigFile::ParseError);
    QVERIFY2(file.errorString().startsWith(QStringLiteral("/tmp/cfg") + expectedLine),
             qPrintable(file.errorString()));
}

void tst_AwsConfigFile::profileNames()
{
    const AwsConfigFile file = AwsConfigFile::fromData(
            "[profile b]\n[default]\n[profile a]\n[sso-session s]\n[services local]\n",
            AwsConfigFile::ConfigFile);
    QCOMPARE(file.profileNames(), QStringList({ "b", "default", "a" }));
    QCOMPARE(file.sectionNames(QStringLiteral("sso-session")), QStringList{ "s" });
    QCOMPARE(file.sectionNames(QStringLiteral("services")), QStringList{ "local" });
}

void tst_AwsConfigFile::subProperties()
{
    const AwsConfigFile file = AwsConfigFile::fromData(
            "[profile dev]\nservices = local\ns3 =\n  addressing_style = path\n  max = 2\n"
            "region = x\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n",
            AwsConfigFile::ConfigFile);
    QVERIFY2(!file.hasError(), qPrintable(file.errorString()));
    QCOMPARE(file.value(QStringLiteral("dev"), QStringLiteral("s3.addressing_style")),
             QStringLiteral("path"));
    QCOMPARE(file.value(QStringLiteral("dev"), QStringLiteral("s3.max")), QStringLiteral("2"));
    QCOMPARE(file.value(QStringLiteral("dev"), QStringLiteral("region")), QStringLiteral("x"));
    QCOMPARE(file.section(QStringLiteral("services"), QStringLiteral("local"))
                     .value(QStringLiteral("sts.endpoint_url")),
             QStringLiteral("http://127.0.0.1:1"));
}

void tst_AwsConfigFile::missingFile()
{
    AwsTestEnvironment env;
    const AwsConfigFile file = AwsConfigFile::fromFile(env.home() + QStringLiteral("/nope"),
                                                       AwsConfigFile::ConfigFile);
    QVERIFY(!file.exists());
    QVERIFY(!file.hasError());
    QVERIFY(file.profileNames().isEmpty());
}

// Files that are not what they seem (issue 13): each fails fast with a clear error, or reads
// as empty; none hangs or exhausts memory.
void tst_AwsConfigFile::oddFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("error"); // empty: read without error
    QTest::newRow("/dev/zero") << "devzero" << "not a regular file or pipe";
    QTest::newRow("/dev/null: no file, as users say it") << "devnull" << "";
    QTest::newRow("directory") << "directory" << "not a regular file or pipe";
    QTest::newRow("2 MiB file") << "big" << "larger than 1048576 bytes";
    QTest::newRow("FIFO without a writer") << "fifo" << "";
    QTest::newRow("FIFO whose writer never finishes") << "fifo-open" << "did not end within 2000 ms";
}

void tst_AwsConfigFile::oddFiles()
{
#ifdef Q_OS_UNIX
    QFETCH(QString, kind);
    QFETCH(QString, error);
    AwsTestEnvironment env;
    QString path = env.home() + QStringLiteral("/odd");
    int writer = -1;
    if (kind == u"devzero") {
        path = QStringLiteral("/dev/zero");
    } else if (kind == u"devnull") {
        path = QStringLiteral("/dev/null");
    } else if (kind == u"directory") {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == u"big") {
        path = env.writeFile(QStringLiteral("odd"), "[default]\nregion = x\n" + QByteArray(2 << 20, '#'));
    } else {
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        if (kind == u"fifo-open") {
            // O_RDWR: a writer of our own that is there when the file is read.
            writer = ::open(QFile::encodeName(path).constData(), O_RDWR | O_NONBLOCK);
            QVERIFY(writer >= 0);
            QCOMPARE(::write(writer, "[default]\n", 10), ssize_t(10));
        }
    }
    QElapsedTimer timer;
    timer.start();
    const AwsConfigFile file = AwsConfigFile::fromFile(path, AwsConfigFile::ConfigFile);
    if (writer >= 0)
        ::close(writer);
    QVERIFY2(timer.elapsed() < 5000, "took too long");
    QVERIFY(file.exists());
    QCOMPARE(file.hasError(), !error.isEmpty());
    QCOMPARE(file.error(), error.isEmpty() ? AwsConfigFile::NoError : AwsConfigFile::ReadError);
    QVERIFY2(file.errorString().contains(error), qPrintable(file.errorString()));
    QVERIFY(file.profileNames().isEmpty());
#else
    QSKIP("FIFOs and /dev/zero are POSIX");
#endif
}

void tst_AwsConfigFile::paths_data()
{
    QTest::addColumn<QByteArray>("configVar");
    QTest::addColumn<QByteArray>("credentialsVar");
    QTest::addColumn<QString>("expectedConfig");       // relative to HOME when starting with ~
    QTest::addColumn<QString>("expectedCredentials");
    QTest::newRow("defaults") << QByteArray() << QByteArray() << "~/.aws/config"
                              << "~/.aws/credentials";
    QTest::newRow("overrides") << QByteArray("/etc/aws-config") << QByteArray("/etc/aws-creds")
                               << "/etc/aws-config" << "/etc/aws-creds";
    QTest::newRow("tilde in override") << QByteArray("~/cfg") << QByteArray("~/creds") << "~/cfg"
                                       << "~/creds";
}

void tst_AwsConfigFile::paths()
{
    QFETCH(QByteArray, configVar);
    QFETCH(QByteArray, credentialsVar);
    QFETCH(QString, expectedConfig);
    QFETCH(QString, expectedCredentials);
    AwsTestEnvironment env;
    if (!configVar.isEmpty())
        env.set("AWS_CONFIG_FILE", configVar);
    if (!credentialsVar.isEmpty())
        env.set("AWS_SHARED_CREDENTIALS_FILE", credentialsVar);
    expectedConfig.replace(QStringLiteral("~"), env.home());
    expectedCredentials.replace(QStringLiteral("~"), env.home());
    QCOMPARE(AwsConfigFile::configFilePath(), expectedConfig);
    QCOMPARE(AwsConfigFile::credentialsFilePath(), expectedCredentials);
}

void tst_AwsConfigFile::activeProfile_data()
{
    QTest::addColumn<QByteArray>("awsProfile");
    QTest::addColumn<QByteArray>("awsDefaultProfile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QByteArray() << QByteArray() << "default";
    QTest::newRow("AWS_PROFILE") << QByteArray("dev") << QByteArray() << "dev";
    QTest::newRow("AWS_DEFAULT_PROFILE") << QByteArray() << QByteArray("old") << "old";
    QTest::newRow("AWS_PROFILE wins") << QByteArray("dev") << QByteArray("old") << "dev";
}

void tst_AwsConfigFile::activeProfile()
{
    QFETCH(QByteArray, awsProfile);
    QFETCH(QByteArray, awsDefaultProfile);
    QFETCH(QString, expected);
    AwsTestEnvironment env;
    if (!awsProfile.isEmpty())
        env.set("AWS_PROFILE", awsProfile);
    if (!awsDefaultProfile.isEmpty())
        env.set("AWS_DEFAULT_PROFILE", awsDefaultProfile);
    QCOMPARE(AwsConfigFile::activeProfileName(), expected);
}

void tst_AwsConfigFile::mergedProfile()
{
    const AwsConfigFile config = AwsConfigFile::fromData(
            "[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n",
            AwsConfigFile::ConfigFile);
    const AwsConfigFile credentials = AwsConfigFile::fromData(
            "[dev]\naws_access_key_id = FROMCREDS\naws_secret_access_key = S\n",
            AwsConfigFile::CredentialsFile);
    bool found = false;
    const Properties merged = AwsConfigFile::mergedProfile(config, credentials,
                                                           QStringLiteral("dev"), &found);
    QVERIFY(found);
    QCOMPARE(merged.value("region"), QStringLiteral("eu-west-1"));
    QCOMPARE(merged.value("aws_access_key_id"), QStringLiteral("FROMCREDS"));
    QCOMPARE(merged.value("aws_secret_access_key"), QStringLiteral("S"));
    AwsConfigFile::mergedProfile(config, credentials, QStringLiteral("nope"), &found);
    QVERIFY(!found);
}

void tst_AwsConfigFile::region_data()
{
    QTest::addColumn<QByteArray>("awsRegion");
    QTest::addColumn<QByteArray>("awsDefaultRegion");
    QTest::addColumn<QByteArray>("awsProfile");
    QTest::addColumn<QString>("explicitProfile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QByteArray() << QByteArray() << QByteArray() << QString()
                             << "default-region";
    QTest::newRow("AWS_REGION") << QByteArray("ap-south-1") << QByteArray("us-east-2")
                                << QByteArray() << QString() << "ap-south-1";
    QTest::newRow("AWS_DEFAULT_REGION") << QByteArray() << QByteArray("us-east-2") << QByteArray()
                                        << QString() << "us-east-2";
    QTest::newRow("AWS_PROFILE region") << QByteArray() << QByteArray() << QByteArray("dev")
                                        << QString() << "dev-region";
    QTest::newRow("explicit profile region") << QByteArray() << QByteArray() << QByteArray("dev")
                                             << "other" << "other-region";
    QTest::newRow("credentials file region") << QByteArray() << QByteArray() << QByteArray()
                                             << "credsonly" << "creds-region";
    QTest::newRow("env beats profile") << QByteArray("ap-south-1") << QByteArray() << QByteArray()
                                       << "dev" << "ap-south-1";
    QTest::newRow("profile without region") << QByteArray() << QByteArray() << QByteArray()
                                            << "noregion" << "";
}

void tst_AwsConfigFile::region()
{
    QFETCH(QByteArray, awsRegion);
    QFETCH(QByteArray, awsDefaultRegion);
    QFETCH(QByteArray, awsProfile);
    QFETCH(QString, explicitProfile);
    QFETCH(QString, expected);
    AwsTestEnvironment env;
    env.writeConfig("[default]\nregion = default-region\n[profile dev]\nregion = dev-region\n"
                    "[profile other]\nregion = other-region\n[profile noregion]\noutput = json\n");
    env.writeCredentials("[credsonly]\nregion = creds-region\n");
    if (!awsRegion.isEmpty())
        env.set("AWS_REGION", awsRegion);
    if (!awsDefaultRegion.isEmpty())
        env.set("AWS_DEFAULT_REGION", awsDefaultRegion);
    if (!awsProfile.isEmpty())
        env.set("AWS_PROFILE", awsProfile);
    QCOMPARE(AwsConfigFile::resolveRegion(explicitProfile), expected);
}

void tst_AwsConfigFile::endpoint_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArrayList>("environment"); // NAME=value
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << "sts" << QByteArrayList() << "plain" << "";
    QTest::newRow("AWS_ENDPOINT_URL_STS")
            << "sts"
            << QByteArrayList{ "AWS_ENDPOINT_URL_STS=http://127.0.0.1:1", "AWS_ENDPOINT_URL=http://127.0.0.1:2" }
            << "withurl" << "http://127.0.0.1:1";
    QTest::newRow("AWS_ENDPOINT_URL") << "sts"
                                      << QByteArrayList{ "AWS_ENDPOINT_URL=http://127.0.0.1:2" }
                                      << "withurl" << "http://127.0.0.1:2";
    QTest::newRow("other service variable ignored")
            << "sts" << QByteArrayList{ "AWS_ENDPOINT_URL_S3=http://127.0.0.1:3" } << "plain" << "";
    QTest::newRow("service id with space")
            << "Elastic Beanstalk"
            << QByteArrayList{ "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK=http://127.0.0.1:4" }
            << "plain" << "http://127.0.0.1:4";
    QTest::newRow("profile services section") << "sts" << QByteArrayList() << "withservices"
                                              << "http://127.0.0.1:5";
    QTest::newRow("profile services section, other service falls back to endpoint_url")
            << "s3" << QByteArrayList() << "withservices" << "http://127.0.0.1:6";
    QTest::newRow("profile endpoint_url") << "sts" << QByteArrayList() << "withurl"
                                          << "http://127.0.0.1:6";
    QTest::newRow("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            << "sts"
            << QByteArrayList{ "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", "AWS_ENDPOINT_URL=http://127.0.0.1:2" }
            << "withurl" << "";
    QTest::newRow("profile ignore_configured_endpoint_urls") << "sts" << QByteArrayList()
                                                             << "ignoring" << "";
}

void tst_AwsConfigFile::endpoint()
{
    QFETCH(QString, service);
    QFETCH(QByteArrayList, environment);
    QFETCH(QString, profile);
    QFETCH(QString, expected);
    AwsTestEnvironment env;
    env.writeConfig("[profile plain]\nregion = x\n"
                    "[profile withurl]\nendpoint_url = http://127.0.0.1:6\n"
                    "[profile withservices]\nservices = local\nendpoint_url = http://127.0.0.1:6\n"
                    "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:5\n"
                    "[profile ignoring]\nendpoint_url = http://127.0.0.1:6\n"
                    "ignore_configured_endpoint_urls = true\n");
    for (const QByteArray &assignment : environment) {
        const int eq = assignment.indexOf('=');
        env.set(assignment.left(eq), assignment.mid(eq + 1));
    }
    QCOMPARE(AwsConfigFile::resolveEndpointUrl(service, profile).toString(), expected);
}

QTEST_GUILESS_MAIN(tst_AwsConfigFile)
#include "tst_awsconfigfile.moc"
