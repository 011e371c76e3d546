// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// S3 POST policies: the signature of the AWS S3 documentation's example ("Example: Browser-Based
// Upload using HTTP POST (Using AWS Signature Version 4)"), the policy document and form fields
// we build for the same conditions, session tokens, the HTML form, and errors.
#include <qtsigv4/awspostpolicy.h>
#include <qtsigv4/awssigningkey.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmessageauthenticationcode.h>
#include <QtTest/qtest.h>

namespace {

const AwsCredentials DocCredentials(QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                    QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
const QDateTime DocTime(QDate(2015, 12, 29), QTime(0, 0), QTimeZone::utc());

// The documented base64 policy (its JSON has CRLF line ends) and its signature.
const QByteArray DocPolicy =
        "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7"
        "ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91"
        "c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3Qi"
        "OiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwi"
        "fSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRh"
        "LXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVT"
        "MjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNy"
        "ZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9"
        "LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAi"
        "MjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
const QByteArray DocSignature = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";

AwsPostPolicy docPolicy()
{
    AwsPostPolicy policy(QStringLiteral("sigv4examplebucket"), QStringLiteral("us-east-1"));
    policy.setKeyPrefix(QStringLiteral("user/user1/"));
    policy.setExpiration(QDateTime(QDate(2015, 12, 30), QTime(12, 0), QTimeZone::utc()));
    policy.addField(QStringLiteral("acl"), QStringLiteral("public-read"));
    policy.addField(QStringLiteral("success_action_redirect"),
                    QStringLiteral("http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"));
    policy.addStartsWith(QStringLiteral("Content-Type"), QStringLiteral("image/"), QStringLiteral("image/jpeg"));
    policy.addField(QStringLiteral("x-amz-meta-uuid"), QStringLiteral("14365123651274"));
    policy.addField(QStringLiteral("x-amz-server-side-encryption"), QStringLiteral("AES256"));
    policy.addStartsWith(QStringLiteral("x-amz-meta-tag"), QString());
    return policy;
}

QByteArray field(const AwsHeaderList &fields, const QByteArray &name)
{
    for (const auto &[n, v] : fields) {
        if (n == name)
            return v;
    }
    return QByteArray();
}

} // namespace

class tst_AwsPostPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void documentedSignature();
    void policyMatchesDocumentedConditions();
    void formFieldsInOrder();
    void sessionToken();
    void exactKeyAndLengthRange();
    void htmlForm();
    void errors();
};

void tst_AwsPostPolicy::documentedSignature()
{
    const AwsSigningKey key(DocCredentials, DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    QCOMPARE(AwsPostPolicy::signPolicy(DocPolicy, key), DocSignature);
    QVERIFY(QByteArray::fromBase64(DocPolicy).contains("\"x-amz-date\": \"20151229T000000Z\""));
}

void tst_AwsPostPolicy::policyMatchesDocumentedConditions()
{
    const QJsonObject documented = QJsonDocument::fromJson(QByteArray::fromBase64(DocPolicy)).object();
    const QJsonObject ours = QJsonDocument::fromJson(docPolicy().policyDocument(DocCredentials, DocTime)).object();
    QCOMPARE(ours.value(u"expiration"), documented.value(u"expiration"));
    const QJsonArray want = documented.value(u"conditions").toArray();
    const QJsonArray have = ours.value(u"conditions").toArray();
    QCOMPARE(have.size(), want.size());
    for (const QJsonValue &condition : have)
        QVERIFY2(want.contains(condition), QJsonDocument(QJsonArray { condition }).toJson().constData());
}

void tst_AwsPostPolicy::formFieldsInOrder()
{
    const AwsPostPolicy policy = docPolicy();
    AwsPostPolicy::Error error = AwsPostPolicy::InvalidPolicyError;
    const AwsHeaderList fields = policy.formFields(DocCredentials, DocTime, &error);
    QCOMPARE(error, AwsPostPolicy::NoError);
    QList<QByteArray> names;
    for (const auto &pair : fields)
        names.append(pair.first);
    QCOMPARE(names, (QList<QByteArray> { "key", "acl", "success_action_redirect", "Content-Type",
                                         "x-amz-meta-uuid", "x-amz-server-side-encryption",
                                         "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy",
                                         "x-amz-signature" }));
    QCOMPARE(field(fields, "key"), QByteArray("user/user1/${filename}"));
    QCOMPARE(field(fields, "Content-Type"), QByteArray("image/jpeg"));
    QCOMPARE(field(fields, "x-amz-credential"), QByteArray("AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"));
    QCOMPARE(field(fields, "x-amz-date"), QByteArray("20151229T000000Z"));
    const QByteArray policyField = field(fields, "policy");
    QCOMPARE(QByteArray::fromBase64(policyField), policy.policyDocument(DocCredentials, DocTime));

    // The signature, recomputed independently with QMessageAuthenticationCode.
    QByteArray key = "AWS4" + DocCredentials.secretAccessKey().toUtf8();
    for (const QByteArray &part : { QByteArray("20151229"), QByteArray("us-east-1"), QByteArray("s3"), QByteArray("aws4_request") })
        key = QMessageAuthenticationCode::hash(part, key, QCryptographicHash::Sha256);
    QCOMPARE(field(fields, "x-amz-signature"),
             QMessageAuthenticationCode::hash(policyField, key, QCryptographicHash::Sha256).toHex());
    for (const auto &[name, value] : fields)
        QVERIFY(!value.contains(DocCredentials.secretAccessKey().toUtf8()));
}

void tst_AwsPostPolicy::sessionToken()
{
    const AwsCredentials temporary(DocCredentials.accessKeyId(), DocCredentials.secretAccessKey(),
                                   QStringLiteral("token/with+chars="));
    const AwsHeaderList fields = docPolicy().formFields(temporary, DocTime);
    QCOMPARE(field(fields, "x-amz-security-token"), QByteArray("token/with+chars="));
    const QByteArray document = QByteArray::fromBase64(field(fields, "policy"));
    QVERIFY(document.contains("{\"x-amz-security-token\":\"token/with+chars=\"}"));
}

void tst_AwsPostPolicy::exactKeyAndLengthRange()
{
    AwsPostPolicy policy(QStringLiteral("b"), QStringLiteral("eu-west-1"));
    policy.setKey(QStringLiteral("exact/key.txt"));
    policy.setContentLengthRange(1, 1024);
    policy.setExpiresInSeconds(600);
    const QJsonObject document = QJsonDocument::fromJson(policy.policyDocument(DocCredentials, DocTime)).object();
    QCOMPARE(document.value(u"expiration").toString(), QStringLiteral("2015-12-29T00:10:00.000Z"));
    const QJsonArray conditions = document.value(u"conditions").toArray();
    QVERIFY(conditions.contains(QJsonObject { { QStringLiteral("key"), QStringLiteral("exact/key.txt") } }));
    QVERIFY(conditions.contains(QJsonArray { QStringLiteral("content-length-range"), 1, 1024 }));
    QCOMPARE(field(policy.formFields(DocCredentials, DocTime), "key"), QByteArray("exact/key.txt"));
    QCOMPARE(policy.actionUrl(), QUrl(QStringLiteral("https://b.s3.eu-west-1.amazonaws.com/")));
    QCOMPARE(policy.actionUrl(QUrl(QStringLiteral("http://127.0.0.1:5000"))),
             QUrl(QStringLiteral("http://127.0.0.1:5000/b")));
}

void tst_AwsPostPolicy::htmlForm()
{
    const AwsHeaderList fields = { { "key", "a\"b<c>" }, { "policy", "xyz" } };
    const QString html = AwsPostPolicy::htmlForm(QUrl(QStringLiteral("https://b.s3.amazonaws.com/")), fields);
    QVERIFY(html.contains(u"action=\"https://b.s3.amazonaws.com/\""));
    QVERIFY(html.contains(u"enctype=\"multipart/form-data\""));
    QVERIFY(html.contains(u"name=\"key\" value=\"a&quot;b&lt;c&gt;\""));
    QVERIFY(html.indexOf(u"type=\"file\"") > html.indexOf(u"name=\"policy\""));
}

void tst_AwsPostPolicy::errors()
{
    AwsPostPolicy::Error error = AwsPostPolicy::NoError;
    QString message;
    QVERIFY(AwsPostPolicy().formFields(DocCredentials, DocTime, &error, &message).isEmpty());
    QCOMPARE(error, AwsPostPolicy::InvalidPolicyError);
    QVERIFY(!message.isEmpty());
    QVERIFY(docPolicy().formFields(AwsCredentials(), DocTime, &error, &message).isEmpty());
    QCOMPARE(error, AwsPostPolicy::MissingCredentialsError);
}

QTEST_GUILESS_MAIN(tst_AwsPostPolicy)
#include "tst_awspostpolicy.moc"
