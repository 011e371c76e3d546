// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The one redaction of credentials (src/core/awsredaction_p.h) used by every log line, warning,
// diagnostic and error string of the library and the sigv4 tool (issue 13, item 2).
#include "core/awsredaction_p.h"

#include <QtTest/qtest.h>

using QtSigV4Private::redactCredentials;

class tst_Redaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redact_data();
    void redact();
};

void tst_Redaction::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");
    const QStringList none;
    const QStringList known{ QStringLiteral("my/secret+tok=") };

    // Recognised by their place, whoever wrote them.
    QTest::newRow("canonical token header line")
            << "x-amz-security-token:AQoD/yXAMPLE+token==" << none << "x-amz-security-token:<redacted>";
    QTest::newRow("token header decoded by a proxy")
            << "\"x-amz-security-token:AQoD/yXAMPLE token==\", we" << none
            << "\"x-amz-security-token:<redacted>\", we";
    QTest::newRow("HTTP token header") << "X-Amz-Security-Token: AQoDYX" << none << "X-Amz-Security-Token: <redacted>";
    QTest::newRow("token query parameter")
            << "a=1&X-Amz-Security-Token=AQo%2FD%2B&b=2" << none << "a=1&X-Amz-Security-Token=<redacted>&b=2";
    QTest::newRow("presigned credential")
            << "X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=1" << none
            << "X-Amz-Credential=<redacted>%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=1";
    QTest::newRow("authorization header")
            << "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, "
               "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
            << none
            << "Authorization: AWS4-HMAC-SHA256 Credential=<redacted>/20150830/us-east-1/s3/aws4_request, "
               "SignedHeaders=host;x-amz-date, Signature=<redacted>";
    QTest::newRow("presigned signature") << "&X-Amz-Signature=abcdef0123456789" << none << "&X-Amz-Signature=<redacted>";
    QTest::newRow("ECS authorization token") << "authorization: c2VjcmV0LXRva2Vu" << none << "authorization: <redacted>";
    QTest::newRow("IMDSv2 token header") << "X-aws-ec2-metadata-token: AQAEAx==" << none
                                         << "X-aws-ec2-metadata-token: <redacted>";
    QTest::newRow("SSO bearer token header")
            << "GET /federation/credentials\nx-amz-sso_bearer_token: aoaAAAAAGk/Xyz+1==\naccept: */*" << none
            << "GET /federation/credentials\nx-amz-sso_bearer_token: <redacted>\naccept: */*";
    QTest::newRow("SSO bearer token header, upper case")
            << "X-Amz-Sso_bearer_token:aoaAAAAAGk" << none << "X-Amz-Sso_bearer_token:<redacted>";
    QTest::newRow("SSO token cache")
            << "{\"accessToken\": \"aoa/Tok+1\", \"refreshToken\": \"aor/R+2\", \"clientId\": \"cid\", "
               "\"clientSecret\": \"eyJr.S3\", \"expiresAt\": \"2026-12-07T18:00:00Z\"}" << none
            << "{\"accessToken\": \"<redacted>\", \"refreshToken\": \"<redacted>\", \"clientId\": \"cid\", "
               "\"clientSecret\": \"<redacted>\", \"expiresAt\": \"2026-12-07T18:00:00Z\"}";
    QTest::newRow("SSO role credentials")
            << "{\"roleCredentials\":{\"accessKeyId\":\"ASIA1\",\"secretAccessKey\":\"s/k\",\"sessionToken\":\"t+k\"}}"
            << none
            << "{\"roleCredentials\":{\"accessKeyId\":\"ASIA1\",\"secretAccessKey\":\"<redacted>\",\"sessionToken\":\"<redacted>\"}}";
    QTest::newRow("credentials file") << "aws_secret_access_key = wJalr/K7MDENG\naws_session_token=FwoG+z" << none
                                      << "aws_secret_access_key = <redacted>\naws_session_token=<redacted>";
    QTest::newRow("credential JSON")
            << "{\"AccessKeyId\": \"AKID\", \"SecretAccessKey\": \"s/k+e\", \"Token\": \"t0k\"}" << none
            << "{\"AccessKeyId\": \"AKID\", \"SecretAccessKey\": \"<redacted>\", \"Token\": \"<redacted>\"}";
    QTest::newRow("STS XML") << "<SessionToken>FwoG+z/y</SessionToken>" << none
                             << "<SessionToken><redacted></SessionToken>";

    // Known secrets, wherever and however encoded.
    QTest::newRow("known secret in a sentence") << "the server said my/secret+tok= back" << known
                                                << "the server said <redacted> back";
    QTest::newRow("known secret percent-encoded") << "t=my%2Fsecret%2Btok%3D" << known << "t=<redacted>";
    QTest::newRow("known secret lower-case encoded") << "t my%2fsecret%2btok%3d" << known << "t <redacted>";
    QTest::newRow("known secret, slash kept") << "t my/secret%2Btok%3D" << known << "t <redacted>";

    // Ordinary text stays.
    QTest::newRow("too short to be a secret") << "abc and abc" << QStringList{ QStringLiteral("abc") } << "abc and abc";
    QTest::newRow("signed headers") << "SignedHeaders=host;x-amz-date" << none << "SignedHeaders=host;x-amz-date";
    QTest::newRow("prose") << "no credentials: the access key id is empty; the credential scope is wrong" << none
                           << "no credentials: the access key id is empty; the credential scope is wrong";
}

void tst_Redaction::redact()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(redactCredentials(text, secrets), expected);
    QCOMPARE(redactCredentials(text.toUtf8(), secrets), expected.toUtf8());
}

QTEST_GUILESS_MAIN(tst_Redaction)
#include "tst_redaction.moc"
