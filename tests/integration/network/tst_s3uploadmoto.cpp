// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// S3 uploads beyond a plain PUT, against a real moto_server on 127.0.0.1: aws-chunked streaming
// uploads through AwsNetworkAccessManager in every payload mode (signed chunks, signed chunks
// with a signed checksum trailer, unsigned chunks with a trailer) from a QByteArray, a QFile and
// a QProcess, each read back equal; and a browser-style POST upload with an AwsPostPolicy form.
// moto decodes aws-chunked bodies but checks neither chunk signatures nor POST policy
// signatures (see README.md): the unit tests check those against the AWS documentation.
#include "motoserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awspostpolicy.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qprocess.h>
#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qhttpmultipart.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using Mode = AwsSigningConfig::PayloadMode;
using Checksum = AwsSigningConfig::ChecksumAlgorithm;

namespace {

const QString Bucket = QStringLiteral("qtsigv4-uploads");

struct Answer
{
    int status = 0;
    QByteArray body;
    QString error;
    QString describe() const
    {
        return QStringLiteral("HTTP %1 (%2): %3").arg(status).arg(error, QString::fromUtf8(body.left(500)));
    }
};

// Waits for the reply (at most two minutes) and takes what it said.
Answer answerOf(QNetworkReply *reply)
{
    std::unique_ptr<QNetworkReply> owner(reply);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(120000))
        return { 0, QByteArray(), QStringLiteral("no answer within two minutes") };
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
             reply->error() == QNetworkReply::NoError ? QString() : reply->errorString() };
}

QByteArray bytesOf(qint64 size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char((i * 131 + i / 1021 + seed) & 0xFF);
    return data;
}

} // namespace

class tst_S3UploadMoto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void chunkedFromByteArray_data();
    void chunkedFromByteArray();
    void chunkedFromFile();
    void chunkedFromProcess();
    void chunkedSequentialNeedsLength();
    void chunkedEmptyBody();
    void curlChunked_data();
    void curlChunked();
    void postPolicyUpload();
    void postPolicyRefusesOtherKey();

private:
    std::unique_ptr<AwsNetworkAccessManager> manager(Mode mode = Mode::WholeBody,
                                                     Checksum checksum = Checksum::None,
                                                     qint64 chunkSize = AwsSigningConfig::DefaultChunkSize) const;
    QNetworkRequest objectRequest(const QString &key) const;
    QByteArray download(const QString &key) const;

    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
};

void tst_S3UploadMoto::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    m_provider.reset(new AwsStaticCredentialsProvider(m_moto->credentials()));
    QUrl url = m_moto->endpoint();
    url.setPath(QLatin1Char('/') + Bucket);
    const Answer created = answerOf(manager()->put(QNetworkRequest(url), QByteArray()));
    QVERIFY2(created.status == 200, qPrintable(created.describe()));
}

void tst_S3UploadMoto::cleanupTestCase()
{
    m_provider.reset();
    m_moto.reset();
}

std::unique_ptr<AwsNetworkAccessManager> tst_S3UploadMoto::manager(Mode mode, Checksum checksum,
                                                                   qint64 chunkSize) const
{
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"),
                                                     m_moto->region(), m_provider.get());
    AwsSigningConfig config = rule.signingConfig();
    config.setPayloadMode(mode);
    config.setTrailingChecksum(checksum);
    config.setChunkSize(chunkSize);
    rule.setSigningConfig(config);
    auto result = std::make_unique<AwsNetworkAccessManager>();
    result->addRule(rule);
    return result;
}

QNetworkRequest tst_S3UploadMoto::objectRequest(const QString &key) const
{
    QUrl url = m_moto->endpoint();
    url.setPath(QLatin1Char('/') + Bucket + QLatin1Char('/') + key);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    return request;
}

QByteArray tst_S3UploadMoto::download(const QString &key) const
{
    const Answer answer = answerOf(manager()->get(objectRequest(key)));
    return answer.status == 200 ? answer.body : "download failed: " + answer.describe().toUtf8();
}

void tst_S3UploadMoto::chunkedFromByteArray_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Checksum>("checksum");
    QTest::addColumn<qint64>("size");
    QTest::newRow("signed") << Mode::StreamingSigned << Checksum::None << qint64(200001);
    QTest::newRow("signed-trailer-crc32") << Mode::StreamingSignedWithTrailer << Checksum::Crc32 << qint64(131072);
    QTest::newRow("signed-trailer-crc32c") << Mode::StreamingSignedWithTrailer << Checksum::Crc32c << qint64(70000);
    QTest::newRow("signed-trailer-sha256") << Mode::StreamingSignedWithTrailer << Checksum::Sha256 << qint64(5);
    QTest::newRow("unsigned-trailer-crc32") << Mode::StreamingUnsignedWithTrailer << Checksum::Crc32 << qint64(100000);
    QTest::newRow("unsigned-trailer-sha256") << Mode::StreamingUnsignedWithTrailer << Checksum::Sha256 << qint64(65536);
}

void tst_S3UploadMoto::chunkedFromByteArray()
{
    QFETCH(Mode, mode);
    QFETCH(Checksum, checksum);
    QFETCH(qint64, size);
    const QString key = QStringLiteral("chunked/%1.bin").arg(QString::fromLatin1(QTest::currentDataTag()));
    const QByteArray data = bytesOf(size, int(size));
    auto uploader = manager(mode, checksum);
    QSignalSpy signedSpy(uploader.get(), &AwsNetworkAccessManager::requestSigned);
    const Answer put = answerOf(uploader->put(objectRequest(key), data));
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    QCOMPARE(signedSpy.size(), 1);
    const AwsSigningResult seed = signedSpy.first().at(1).value<AwsSigningResult>();
    QVERIFY(seed.canonicalRequest().contains("\ncontent-encoding:aws-chunked\n"));
    QVERIFY(seed.canonicalRequest().contains("\nx-amz-decoded-content-length:" + QByteArray::number(size) + '\n'));
    QVERIFY(seed.canonicalRequest().endsWith("\nSTREAMING-"
                                             + QByteArray(mode == Mode::StreamingUnsignedWithTrailer ? "UNSIGNED-PAYLOAD-TRAILER"
                                                          : mode == Mode::StreamingSigned ? "AWS4-HMAC-SHA256-PAYLOAD"
                                                                                         : "AWS4-HMAC-SHA256-PAYLOAD-TRAILER")));
    const QByteArray back = download(key);
    QCOMPARE(back.size(), data.size());
    QVERIFY(back == data);
}

void tst_S3UploadMoto::chunkedFromFile()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray data = bytesOf(3 * 1024 * 1024 + 17, 3);
    QCOMPARE(file.write(data), qint64(data.size()));
    QVERIFY(file.seek(100)); // sent from the current position, as QNAM does
    const Answer put = answerOf(manager(Mode::StreamingSignedWithTrailer, Checksum::Crc32c, 8192)
                                        ->put(objectRequest(QStringLiteral("chunked/file.bin")), &file));
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    QVERIFY(download(QStringLiteral("chunked/file.bin")) == data.mid(100));
}

void tst_S3UploadMoto::chunkedFromProcess()
{
    // A sequential source: streamed while it runs, never copied (its length is announced).
    const int lines = 300000;
    QByteArray expected;
    for (int i = 1; i <= lines; ++i)
        expected += QByteArray::number(i) + '\n';
    QProcess process;
    process.start(QStringLiteral("seq"), { QStringLiteral("1"), QString::number(lines) });
    QVERIFY(process.waitForStarted());
    QNetworkRequest request = objectRequest(QStringLiteral("chunked/process.txt"));
    request.setRawHeader("x-amz-decoded-content-length", QByteArray::number(expected.size()));
    const Answer put = answerOf(manager(Mode::StreamingSigned)->put(request, &process));
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    QVERIFY(download(QStringLiteral("chunked/process.txt")) == expected);
}

void tst_S3UploadMoto::chunkedSequentialNeedsLength()
{
    QProcess process;
    process.start(QStringLiteral("seq"), { QStringLiteral("1"), QStringLiteral("10") });
    QVERIFY(process.waitForStarted());
    const Answer put = answerOf(manager(Mode::StreamingSigned)
                                        ->put(objectRequest(QStringLiteral("chunked/unknown.txt")), &process));
    QCOMPARE(put.status, 0);
    QVERIFY2(put.error.contains(u"x-amz-decoded-content-length"), qPrintable(put.error));
    process.waitForFinished();
}

void tst_S3UploadMoto::chunkedEmptyBody()
{
    const Answer put = answerOf(manager(Mode::StreamingSignedWithTrailer, Checksum::Crc32)
                                        ->put(objectRequest(QStringLiteral("chunked/empty.bin")), QByteArray()));
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    QCOMPARE(download(QStringLiteral("chunked/empty.bin")), QByteArray());
}

void tst_S3UploadMoto::curlChunked_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<bool>("fromStdin");
    QTest::newRow("file") << QStringList { QStringLiteral("--chunked") } << false;
    QTest::newRow("file-crc32c") << QStringList { QStringLiteral("--chunked"), QStringLiteral("--checksum"),
                                                  QStringLiteral("crc32c"), QStringLiteral("--chunk-size"),
                                                  QStringLiteral("8192") }
                                 << false;
    QTest::newRow("stdin-sha256") << QStringList { QStringLiteral("--chunked"), QStringLiteral("--checksum"),
                                                   QStringLiteral("sha256") }
                                  << true;
}

void tst_S3UploadMoto::curlChunked()
{
#ifndef SIGV4_EXECUTABLE
    QSKIP("the sigv4 CLI is not built");
#else
    QFETCH(QStringList, flags);
    QFETCH(bool, fromStdin);
    const QByteArray data = bytesOf(150000, 21);
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(data), qint64(data.size()));
    file.close();
    const QString key = QStringLiteral("curl/%1.bin").arg(QString::fromLatin1(QTest::currentDataTag()));
    QStringList arguments = QStringList { QStringLiteral("curl"), QStringLiteral("--region"), m_moto->region(),
                                          QStringLiteral("--service"), QStringLiteral("s3"), QStringLiteral("-T"),
                                          fromStdin ? QStringLiteral("-") : file.fileName() }
            + flags;
    if (fromStdin)
        arguments << QStringLiteral("-H") << QStringLiteral("x-amz-decoded-content-length: %1").arg(data.size());
    arguments << objectRequest(key).url().toString();

    QProcess sigv4;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_moto->credentials().accessKeyId());
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_moto->credentials().secretAccessKey());
    sigv4.setProcessEnvironment(environment);
    if (fromStdin)
        sigv4.setStandardInputFile(file.fileName());
    sigv4.start(QStringLiteral(SIGV4_EXECUTABLE), arguments);
    QVERIFY(sigv4.waitForFinished(60000));
    QVERIFY2(sigv4.exitCode() == 0, sigv4.readAllStandardError().constData());
    QVERIFY(download(key) == data);
#endif
}

void tst_S3UploadMoto::postPolicyUpload()
{
    AwsPostPolicy policy(Bucket, m_moto->region());
    policy.setKeyPrefix(QStringLiteral("posted/"));
    policy.setContentLengthRange(1, 1024 * 1024);
    policy.addField(QStringLiteral("Content-Type"), QStringLiteral("text/plain"));
    policy.addField(QStringLiteral("x-amz-meta-origin"), QStringLiteral("qtsigv4"));
    policy.addField(QStringLiteral("success_action_status"), QStringLiteral("201"));
    QString problem;
    const AwsHeaderList fields = policy.formFields(m_moto->credentials(), QDateTime(), nullptr, &problem);
    QVERIFY2(!fields.isEmpty(), qPrintable(problem));

    // Sent the way a browser sends the form: a plain POST without Authorization. moto answers
    // HTTP 500 to any request without an Authorization header while it checks signatures (it
    // never checks POST policies): turn its checking off for this one call.
    const QByteArray data = bytesOf(40000, 9).toBase64();
    QVERIFY2(m_moto->setAuthenticationEnabled(false, &problem), qPrintable(problem));
    QNetworkAccessManager browser;
    QHttpMultiPart *form = AwsPostPolicy::multiPart(fields, data, QStringLiteral("hello.txt"), "text/plain");
    QNetworkReply *reply = browser.post(QNetworkRequest(policy.actionUrl(m_moto->endpoint())), form);
    form->setParent(reply);
    const Answer posted = answerOf(reply);
    QVERIFY2(m_moto->setAuthenticationEnabled(true, &problem), qPrintable(problem));
    QVERIFY2(posted.status == 201, qPrintable(posted.describe()));
    // moto answers 201 without the XML body S3 sends; the object itself is checked below.

    QCOMPARE(download(QStringLiteral("posted/hello.txt")), data);
    const Answer head = answerOf(manager()->head(objectRequest(QStringLiteral("posted/hello.txt"))));
    QCOMPARE(head.status, 200);
}

void tst_S3UploadMoto::postPolicyRefusesOtherKey()
{
    // moto does not check the policy, but S3 would refuse a key outside the prefix: the
    // field we generate always satisfies the policy's own key condition.
    AwsPostPolicy policy(Bucket, m_moto->region());
    policy.setKeyPrefix(QStringLiteral("only/here/"));
    const AwsHeaderList fields = policy.formFields(m_moto->credentials());
    QCOMPARE(fields.first(), (QPair<QByteArray, QByteArray>("key", "only/here/${filename}")));
    const QByteArray document = QByteArray::fromBase64(fields.at(fields.size() - 2).second);
    QVERIFY(document.contains("[\"starts-with\",\"$key\",\"only/here/\"]"));
}

QTEST_GUILESS_MAIN(tst_S3UploadMoto)
#include "tst_s3uploadmoto.moc"
