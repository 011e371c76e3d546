// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// What the signer's fast path keeps between and inside signatures (issue 15): the result's
// strings share one array, the configuration derives its signing data once, the key its own
// scope's HMAC. Each test fails if that state outlives a change or is shared unsafely.
#include <qtsigv4/awssigner.h>

#include <QtCore/qthread.h>
#include <QtCore/qtimezone.h>
#include <QtTest/qtest.h>

#include <cstring>
#include <iterator>
#include <vector>

namespace {

const AwsCredentials S3DocCredentials(QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                      QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
const QDateTime S3DocTime(QDate(2013, 5, 24), QTime(0, 0), QTimeZone::utc());

// The S3 documentation's GET Object with Range (signature f0e8bdb8…).
AwsHttpRequest s3GetRange()
{
    return AwsHttpRequest("GET", "/test.txt",
                          { { "Host", "examplebucket.s3.amazonaws.com" },
                            { "Range", "bytes=0-9" },
                            { "x-amz-content-sha256", AwsSigner::emptyPayloadHash() },
                            { "x-amz-date", "20130524T000000Z" } });
}

const QByteArray S3DocSignature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

AwsSigningConfig s3Config()
{
    return AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1"));
}

bool terminated(const QByteArray &bytes)
{
    return bytes.constData()[bytes.size()] == '\0';
}

} // namespace

class tst_AwsSigningResult : public QObject
{
    Q_OBJECT

private slots:
    void stringsOutliveTheResult();
    void copiesAreIndependent();
    void configChangedAfterSigning();
    void keyRegeneratedAfterSigning();
    void threadsShareConfigAndResult();
};

void tst_AwsSigningResult::stringsOutliveTheResult()
{
    QByteArray signature, authorization, canonical, stringToSign, names, scope, hash;
    AwsHeaderList added;
    {
        const AwsSigningResult result = AwsSigner(s3Config()).sign(s3GetRange(), S3DocCredentials, S3DocTime);
        QVERIFY2(result.isValid(), qPrintable(result.errorString()));
        signature = result.signature();
        authorization = result.authorization();
        canonical = result.canonicalRequest();
        stringToSign = result.stringToSign();
        names = result.signedHeaders();
        scope = result.credentialScope();
        hash = result.payloadHash();
        added = result.headersToAdd();
    }
    QCOMPARE(signature, S3DocSignature);
    QCOMPARE(names, QByteArray("host;range;x-amz-content-sha256;x-amz-date"));
    QCOMPARE(scope, QByteArray("20130524/us-east-1/s3/aws4_request"));
    QCOMPARE(hash, AwsSigner::emptyPayloadHash());
    QCOMPARE(authorization, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/" + scope
                     + ", SignedHeaders=" + names + ", Signature=" + signature);
    QVERIFY(canonical.startsWith("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\n"));
    QVERIFY(canonical.endsWith('\n' + names + '\n' + hash));
    QVERIFY(stringToSign.startsWith("AWS4-HMAC-SHA256\n20130524T000000Z\n" + scope + '\n'));
    // constData() is '\0'-terminated, as QByteArray promises, though they share one array.
    for (const QByteArray *bytes : { &signature, &authorization, &canonical, &stringToSign, &names, &scope, &hash })
        QVERIFY(terminated(*bytes));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().first, QByteArray("Authorization"));
    QCOMPARE(added.first().second, authorization);
    QVERIFY(std::strlen(signature.constData()) == size_t(signature.size()));
}

void tst_AwsSigningResult::copiesAreIndependent()
{
    const AwsSigningResult result = AwsSigner(s3Config()).sign(s3GetRange(), S3DocCredentials, S3DocTime);
    QByteArray signature = result.signature();
    signature.append("-changed");
    signature[0] = 'X';
    QByteArray names = result.signedHeaders();
    names.fill('z');
    QCOMPARE(result.signature(), S3DocSignature);
    QCOMPARE(result.signedHeaders(), QByteArray("host;range;x-amz-content-sha256;x-amz-date"));
    QVERIFY(result.authorization().endsWith("Signature=" + S3DocSignature));
    // Every call returns the same shared list: begin() of one and end() of another meet.
    QCOMPARE(result.headersToAdd().constData(), result.headersToAdd().constData());
    QCOMPARE(std::distance(result.headersToAdd().cbegin(), result.headersToAdd().cend()), 1);
    // The last holder of the shared array may grow its piece in place: the others are gone.
    QByteArray scope;
    {
        const AwsSigningResult other = AwsSigner(s3Config()).sign(s3GetRange(), S3DocCredentials, S3DocTime);
        scope = other.credentialScope();
    }
    scope.append(QByteArray(4096, '+'));
    QVERIFY(scope.startsWith("20130524/us-east-1/s3/aws4_request+"));
    QVERIFY(terminated(scope));
}

void tst_AwsSigningResult::configChangedAfterSigning()
{
    AwsSigningConfig config = s3Config();
    {
        // Signs once, so the configuration's derived data exists, then lets go of it: the
        // setters below change an unshared configuration in place.
        const AwsSigner signer(config);
        QCOMPARE(signer.sign(s3GetRange(), S3DocCredentials, S3DocTime).signature(), S3DocSignature);
    }
    config.setRegion(QStringLiteral("eu-west-1"));
    AwsSigningResult result = AwsSigner(config).sign(s3GetRange(), S3DocCredentials, S3DocTime);
    QCOMPARE(result.credentialScope(), QByteArray("20130524/eu-west-1/s3/aws4_request"));
    QVERIFY(result.signature() != S3DocSignature);

    config.setService(QStringLiteral("iam"));
    result = AwsSigner(config).sign(s3GetRange(), S3DocCredentials, S3DocTime);
    QCOMPARE(result.credentialScope(), QByteArray("20130524/eu-west-1/iam/aws4_request"));

    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(0);
    result = AwsSigner(config).sign(s3GetRange(), S3DocCredentials, S3DocTime);
    QCOMPARE(result.error(), AwsSigningResult::InvalidExpiryError);
    config.setExpiresInSeconds(60);
    result = AwsSigner(config).sign(s3GetRange(), S3DocCredentials, S3DocTime);
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QVERIFY(result.queryToAdd().contains("X-Amz-Expires=60"));

    // A copy made before a change keeps the old configuration.
    const AwsSigningConfig before = config;
    config.setRegion(QStringLiteral("us-east-1"));
    QVERIFY(AwsSigner(before).sign(s3GetRange(), S3DocCredentials, S3DocTime).credentialScope().contains("eu-west-1"));
    QVERIFY(AwsSigner(config).sign(s3GetRange(), S3DocCredentials, S3DocTime).credentialScope().contains("us-east-1"));
}

void tst_AwsSigningResult::keyRegeneratedAfterSigning()
{
    const AwsSigner signer(s3Config());
    AwsSigningKey key(S3DocCredentials, S3DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    const AwsSigningKey original = key;
    QCOMPARE(signer.sign(s3GetRange(), key, S3DocTime).signature(), S3DocSignature);
    QVERIFY(key.regenerate(QDate(), QStringLiteral("eu-west-1")));
    // The regenerated key signs for its new scope like a new key, the copy for the old one.
    AwsSigningConfig eu = s3Config();
    eu.setRegion(QStringLiteral("eu-west-1"));
    const AwsSigningKey fresh(S3DocCredentials, S3DocTime.date(), QStringLiteral("eu-west-1"), QStringLiteral("s3"),
                              AwsSigningKey::DiscardSecret);
    const QByteArray expected = AwsSigner(eu).sign(s3GetRange(), fresh, S3DocTime).signature();
    QCOMPARE(AwsSigner(eu).sign(s3GetRange(), key, S3DocTime).signature(), expected);
    QCOMPARE(key.key(), fresh.key());
    QCOMPARE(signer.sign(s3GetRange(), original, S3DocTime).signature(), S3DocSignature);
    // Its old scope is derived again from the secret it kept.
    QCOMPARE(signer.sign(s3GetRange(), key, S3DocTime).signature(), S3DocSignature);
    // Without the secret, only the own scope signs.
    const AwsSigningResult refused = signer.sign(s3GetRange(), fresh, S3DocTime);
    QCOMPARE(refused.error(), AwsSigningResult::NoSecretKeyError);
}

void tst_AwsSigningResult::threadsShareConfigAndResult()
{
    // No signature before the threads start: they race to derive the configuration's data.
    const AwsSigner signer(s3Config());
    const AwsSigningKey key(S3DocCredentials, S3DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    const AwsHttpRequest request = s3GetRange();
    AwsSigningResult shared;
    constexpr int Threads = 6, Rounds = 300;
    std::vector<int> mismatches(Threads, 0);
    QList<QThread *> threads;
    for (int i = 0; i < Threads; ++i) {
        threads << QThread::create([&, i] {
            for (int r = 0; r < Rounds; ++r) {
                const AwsSigningResult result = signer.sign(request, key, S3DocTime);
                if (result.signature() != S3DocSignature)
                    ++mismatches[i];
                if (r == 0 && i == 0)
                    shared = result;
            }
        });
    }
    for (QThread *t : std::as_const(threads))
        t->start();
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    threads.clear();
    for (int i = 0; i < Threads; ++i)
        QCOMPARE(mismatches[i], 0);
    // Many threads read one result's strings at once (each gets its own reference).
    std::vector<int> wrong(Threads, 0);
    for (int i = 0; i < Threads; ++i) {
        threads << QThread::create([&, i] {
            for (int r = 0; r < Rounds; ++r) {
                if (shared.signature() != S3DocSignature || !shared.authorization().endsWith(S3DocSignature)
                    || shared.headersToAdd().size() != 1)
                    ++wrong[i];
            }
        });
        threads.last()->start();
    }
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    for (int i = 0; i < Threads; ++i)
        QCOMPARE(wrong[i], 0);
}

QTEST_GUILESS_MAIN(tst_AwsSigningResult)
#include "tst_awssigningresult.moc"
