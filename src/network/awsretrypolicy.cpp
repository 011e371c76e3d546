// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsretrypolicy_p.h"

#include <QtCore/qlist.h>

#include <algorithm>
#include <cmath>

/*!
    \class AwsRetryPolicy
    \internal
    \brief The decisions of AWS's standard retry mode.

    The codes, statuses and numbers are botocore's (botocore/retries/standard.py, standard
    mode 2.0): TransientRetryableChecker (500, 502, 503, 504; RequestTimeout,
    RequestTimeoutException, PriorRequestNotComplete; connection errors),
    ThrottledRetryableChecker (_THROTTLED_ERROR_CODES), special.RetryIDPCommunicationError,
    DEFAULT_MAX_ATTEMPTS 3 and ExponentialBackoff (rand() * min(2 ** (attempt - 1), 20) s).
    HTTP 429 is a throttling answer in the AWS SDKs for Java v2 and Go v2 whatever its code;
    InternalError is S3's 500 code, retried here also when it comes with another status.
*/

namespace {

bool oneOf(const QString &code, std::initializer_list<const char16_t *> codes)
{
    return std::any_of(codes.begin(), codes.end(), [&code](const char16_t *c) {
        return code == QStringView(c);
    });
}

} // namespace

AwsRetryPolicy::Kind AwsRetryPolicy::classifyAnswer(int status, const QString &errorCode)
{
    // ThrottledRetryableChecker._THROTTLED_ERROR_CODES
    if (oneOf(errorCode,
              { u"Throttling", u"ThrottlingException", u"ThrottledException",
                u"RequestThrottledException", u"TooManyRequestsException",
                u"ProvisionedThroughputExceededException", u"TransactionInProgressException",
                u"RequestLimitExceeded", u"BandwidthLimitExceeded", u"LimitExceededException",
                u"RequestThrottled", u"SlowDown", u"PriorRequestNotComplete",
                u"EC2ThrottledException" })) {
        return Throttling;
    }
    // TransientRetryableChecker._TRANSIENT_ERROR_CODES, IDPCommunicationError, InternalError
    if (oneOf(errorCode,
              { u"RequestTimeout", u"RequestTimeoutException", u"PriorRequestNotComplete",
                u"IDPCommunicationError", u"InternalError" })) {
        return Transient;
    }
    if (status == 429)
        return Throttling;
    if (status == 500 || status == 502 || status == 503 || status == 504)
        return Transient;
    return NotRetryable;
}

AwsRetryPolicy::Kind AwsRetryPolicy::classifyTransferError(QNetworkReply::NetworkError error)
{
    // botocore's ConnectionError and HTTPClientError (read and connect timeouts included);
    // not a host that is not found, TLS or proxy authentication errors: they do not pass.
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return ConnectionFailure;
    default:
        return NotRetryable;
    }
}

int AwsRetryPolicy::delayMs(int retry, int baseDelayMs, double random)
{
    const int exponent = qBound(0, retry - 1, 30);
    const double ceiling = std::min(double(qMax(0, baseDelayMs)) * std::ldexp(1.0, exponent),
                                    double(MaxDelayMs));
    return int(qBound(0.0, random, 1.0) * ceiling);
}

QString AwsRetryPolicy::kindName(Kind kind)
{
    switch (kind) {
    case Transient: return QStringLiteral("transient error");
    case Throttling: return QStringLiteral("throttled");
    case ConnectionFailure: return QStringLiteral("connection failure");
    case NotRetryable: break;
    }
    return QStringLiteral("not retryable");
}

int AwsRetryPolicy::maxAttemptsFor(const QVariant &attribute, int managerDefault)
{
    bool isNumber = false;
    const int attempts = attribute.toInt(&isNumber);
    return isNumber ? boundedAttempts(attempts) : managerDefault;
}

QString AwsRetryPolicy::gaveUpNote(int attempts)
{
    return attempts > 1 ? QStringLiteral(" (gave up after %1 attempts)").arg(attempts) : QString();
}

QString AwsRetryPolicy::bodyNotResendableNote(const QString &deviceName)
{
    return QStringLiteral("; not retried: the request body %1 is sequential and was streamed while "
                          "it was sent, so it cannot be sent again")
            .arg(deviceName);
}
