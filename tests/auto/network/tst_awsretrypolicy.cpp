// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The decisions of AWS's standard retry mode (src/network/awsretrypolicy_p.h) as data rows:
// which answers and transfer errors are retried, and the backoff. The end-to-end behaviour
// (one reply across attempts, re-signing, bodies) is in tests/integration/network/tst_retries.
#include "network/awsretrypolicy_p.h"

#include <QtTest/QtTest>

using Kind = AwsRetryPolicy::Kind;

class tst_AwsRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    void classifyAnswer_data();
    void classifyAnswer();
    void classifyTransferError_data();
    void classifyTransferError();
    void delay_data();
    void delay();
    void boundedAttempts();
};

void tst_AwsRetryPolicy::classifyAnswer_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");

    // Statuses, whatever the code (botocore _TRANSIENT_STATUS_CODES; 429 as the Java and Go SDKs).
    for (int status : { 500, 502, 503, 504 })
        QTest::addRow("%d", status) << status << QString() << int(AwsRetryPolicy::Transient);
    QTest::newRow("429") << 429 << QString() << int(AwsRetryPolicy::Throttling);
    QTest::newRow("503 SlowDown") << 503 << QStringLiteral("SlowDown") << int(AwsRetryPolicy::Throttling);

    // botocore _THROTTLED_ERROR_CODES, with a status that is not retryable by itself.
    for (const char *code : { "Throttling", "ThrottlingException", "ThrottledException",
                              "RequestThrottledException", "TooManyRequestsException",
                              "ProvisionedThroughputExceededException",
                              "TransactionInProgressException", "RequestLimitExceeded",
                              "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
                              "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException" }) {
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << int(AwsRetryPolicy::Throttling);
    }
    for (const char *code : { "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError",
                              "InternalError" }) {
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << int(AwsRetryPolicy::Transient);
    }

    // Everything else is the caller's after one attempt.
    QTest::newRow("403 AccessDenied") << 403 << QStringLiteral("AccessDenied") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("404 NoSuchKey") << 404 << QStringLiteral("NoSuchKey") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("403 SignatureDoesNotMatch") << 403 << QStringLiteral("SignatureDoesNotMatch") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("400 InvalidArgument") << 400 << QStringLiteral("InvalidArgument") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("409 no code") << 409 << QString() << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("501") << 501 << QStringLiteral("NotImplemented") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("505") << 505 << QString() << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("case matters") << 400 << QStringLiteral("slowdown") << int(AwsRetryPolicy::NotRetryable);
    QTest::newRow("prefix is not enough") << 400 << QStringLiteral("ThrottlingExceptionX") << int(AwsRetryPolicy::NotRetryable);
}

void tst_AwsRetryPolicy::classifyAnswer()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(int, kind);
    QCOMPARE(int(AwsRetryPolicy::classifyAnswer(status, code)), kind);
}

void tst_AwsRetryPolicy::classifyTransferError_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("retryable");
    using R = QNetworkReply;
    QTest::newRow("refused") << int(R::ConnectionRefusedError) << true;
    QTest::newRow("closed") << int(R::RemoteHostClosedError) << true;
    QTest::newRow("timeout") << int(R::TimeoutError) << true;
    QTest::newRow("temporary failure") << int(R::TemporaryNetworkFailureError) << true;
    QTest::newRow("session failed") << int(R::NetworkSessionFailedError) << true;
    QTest::newRow("proxy closed") << int(R::ProxyConnectionClosedError) << true;
    QTest::newRow("proxy timeout") << int(R::ProxyTimeoutError) << true;
    QTest::newRow("canceled") << int(R::OperationCanceledError) << false;
    QTest::newRow("host not found") << int(R::HostNotFoundError) << false;
    QTest::newRow("tls") << int(R::SslHandshakeFailedError) << false;
    QTest::newRow("body device") << int(R::UnknownContentError) << false;
    QTest::newRow("re-send") << int(R::ContentReSendError) << false;
    QTest::newRow("proxy auth") << int(R::ProxyAuthenticationRequiredError) << false;
}

void tst_AwsRetryPolicy::classifyTransferError()
{
    QFETCH(int, error);
    QFETCH(bool, retryable);
    const Kind kind = AwsRetryPolicy::classifyTransferError(QNetworkReply::NetworkError(error));
    QCOMPARE(int(kind), int(retryable ? AwsRetryPolicy::ConnectionFailure : AwsRetryPolicy::NotRetryable));
}

void tst_AwsRetryPolicy::delay_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("base");
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expected");

    // botocore: rand() * min(2 ** (attempt - 1), 20) seconds.
    QTest::newRow("first retry, top") << 1 << 1000 << 0.999 << 999;
    QTest::newRow("first retry, half") << 1 << 1000 << 0.5 << 500;
    QTest::newRow("second retry") << 2 << 1000 << 0.5 << 1000;
    QTest::newRow("third retry") << 3 << 1000 << 0.5 << 2000;
    QTest::newRow("fifth retry") << 5 << 1000 << 1.0 << 16000;
    QTest::newRow("sixth retry capped") << 6 << 1000 << 1.0 << 20000;
    QTest::newRow("ninth retry capped") << 9 << 1000 << 0.5 << 10000;
    QTest::newRow("absurd retry capped") << 1000 << 1000 << 1.0 << 20000;
    QTest::newRow("no jitter drawn") << 4 << 1000 << 0.0 << 0;
    QTest::newRow("small base") << 3 << 10 << 1.0 << 40;
    QTest::newRow("zero base") << 3 << 0 << 1.0 << 0;
    QTest::newRow("huge base capped") << 1 << 1000000 << 1.0 << 20000;
    QTest::newRow("random out of range") << 1 << 1000 << 7.0 << 1000;
    QTest::newRow("negative random") << 1 << 1000 << -1.0 << 0;
}

void tst_AwsRetryPolicy::delay()
{
    QFETCH(int, retry);
    QFETCH(int, base);
    QFETCH(double, random);
    QFETCH(int, expected);
    QCOMPARE(AwsRetryPolicy::delayMs(retry, base, random), expected);
}

void tst_AwsRetryPolicy::boundedAttempts()
{
    QCOMPARE(AwsRetryPolicy::boundedAttempts(-5), 1);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(0), 1);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(1), 1);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(3), 3);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(10), 10);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(11), 10);
    QCOMPARE(AwsRetryPolicy::boundedAttempts(INT_MAX), 10);
}

QTEST_GUILESS_MAIN(tst_AwsRetryPolicy)
#include "tst_awsretrypolicy.moc"
