// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSRETRYPOLICY_P_H
#define AWSRETRYPOLICY_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include "core/qtsigv4global_p.h"

#include <QtCore/qstring.h>
#include <QtCore/qvariant.h>
#include <QtNetwork/qnetworkreply.h>

// AWS's standard retry mode as pure decisions (no I/O): which failures are retried and how long
// to wait before the next attempt, so that every code and status is checked by data rows.
class QTSIGV4_AUTOTEST_EXPORT AwsRetryPolicy
{
public:
    static constexpr int DefaultMaxAttempts = 3; // botocore DEFAULT_MAX_ATTEMPTS
    static constexpr int MaxAttempts = 10;       // the most setMaxAttempts() accepts
    static constexpr int DefaultBaseDelayMs = 1000;
    static constexpr int MaxDelayMs = 20000;     // botocore ExponentialBackoff._MAX_BACKOFF

    enum Kind {
        NotRetryable,
        Transient,        // 500, 502, 503, 504, or a transient error code
        Throttling,       // 429, or a throttling error code
        ConnectionFailure // no answer: refused, closed, timed out
    };

    // An error answer: its HTTP status and the service's error code (may be empty).
    static Kind classifyAnswer(int status, const QString &errorCode);
    // A transfer that ended without an answer, with Qt's error (as AwsTransferError explained it).
    static Kind classifyTransferError(QNetworkReply::NetworkError error);
    // The wait before retry number retry (1 for the second attempt): full jitter,
    // random * min(baseDelayMs * 2^(retry - 1), MaxDelayMs), random in [0, 1).
    static int delayMs(int retry, int baseDelayMs, double random);
    static int boundedAttempts(int attempts) { return qBound(1, attempts, MaxAttempts); }
    // A request's MaxAttemptsAttribute (bounded), else managerDefault when it is not a number.
    static int maxAttemptsFor(const QVariant &attribute, int managerDefault);
    static QString kindName(Kind kind);
    // What errorString() adds when a retryable failure is not retried.
    static QString gaveUpNote(int attempts); // empty for one attempt
    static QString bodyNotResendableNote(const QString &deviceName);
};

#endif // AWSRETRYPOLICY_P_H
