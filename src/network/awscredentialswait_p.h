// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCREDENTIALSWAIT_P_H
#define AWSCREDENTIALSWAIT_P_H

// Internal: one wait for a credentials provider, bounded in time, shared by the signed reply
// and the presign reply.

#include <qtsigv4/awscredentials.h>
#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>

#include <functional>

class AwsCredentialsProvider;

class AwsCredentialsWait : public QObject
{
    Q_OBJECT
public:
    enum Failure { ProviderFailed, TimedOut };
    using ReadyHandler = std::function<void(const AwsCredentials &)>;
    using FailureHandler = std::function<void(Failure, const QString &message)>;

    explicit AwsCredentialsWait(QObject *parent) : QObject(parent) { m_timer.setSingleShot(true); }

    static bool takeReady(AwsCredentialsProvider *provider, AwsCredentials *credentials);
    void start(AwsCredentialsProvider *provider, int timeoutMsecs, ReadyHandler ready,
               FailureHandler failed);
    void stop();

private:
    // Credentials that waited long enough to expire are fetched again this many times at most.
    static constexpr int MaxExpiredRefetches = 2;
    int m_expiredRefetches = 0;
    QMetaObject::Connection m_ready;
    QMetaObject::Connection m_failed;
    QTimer m_timer;
};

#endif // AWSCREDENTIALSWAIT_P_H
