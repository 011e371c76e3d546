// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awscredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/awsredaction_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

#include <chrono>
#include <condition_variable>
#include <mutex>


class AwsCredentialsProviderPrivate
{
public:
    // Standard (pthread-based) primitives, so that ThreadSanitizer understands them.
    // Everything below is guarded by mutex; condition is signalled whenever a fetch
    // completes (generation is incremented then).
    mutable std::mutex mutex;
    std::condition_variable condition;
    AwsCredentials credentials;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString errorString;
    qint64 refreshMarginSeconds = 300;
    qint64 retryIntervalSeconds = 10;
    QDateTime lastFailedRefresh; // a failed refresh while old credentials were still usable
    QDateTime receivedAt;        // when the cached credentials arrived
    quint64 generation = 0;
    bool fetching = false;
    // Only touched from the provider's thread.
    bool inStartFetch = false;

    bool usableLocked(const QDateTime &now) const
    {
        return credentials.isValid() && !credentials.isExpired(now);
    }
    bool needsRefreshLocked(const QDateTime &now) const
    {
        if (!credentials.isValid() || credentials.isExpired(now))
            return true;
        return credentials.canExpire()
                && credentials.expiration() <= now.addMSecs(marginMSecsLocked());
    }
    // The margin, but at most half the lifetime the credentials had when they arrived: with
    // credentials shorter-lived than the margin every fetch() would otherwise refresh again.
    // In milliseconds: whole seconds made the half of 1.9 s zero, so no refresh before expiry.
    qint64 marginMSecsLocked() const
    {
        const qint64 margin = qMin<qint64>(refreshMarginSeconds, 100LL * 365 * 86400) * 1000;
        if (!receivedAt.isValid())
            return margin;
        const qint64 lifetime = qMax<qint64>(0, receivedAt.msecsTo(credentials.expiration()));
        return qMin(margin, lifetime / 2);
    }
};

/*!
    \class AwsCredentialsProvider
    \inmodule QtSigV4
    \brief The base class of every source of AWS credentials.

    A provider caches the credentials it obtained together with their expiry. Reading the cache
    with currentCredentials() is cheap and safe from any thread. fetch() asks for credentials
    asynchronously: the answer is always delivered later through credentialsReady() or
    credentialsFailed(), never from within the call.

    \list
    \li When the cached credentials are valid and do not expire within refreshMarginSeconds()
        (300 by default), fetch() emits credentialsReady() at once (queued).
    \li When they are still usable but expire within the margin, fetch() emits
        credentialsReady() with them at once and starts a refresh in the background.
    \li When there are none, or they have expired, fetch() starts a refresh and the signal
        follows when it completes.
    \li Refreshes are single-flight: any number of fetch() calls during a refresh cause one
        startFetch() call, and all callers are answered by the one signal it produces.
    \li A failed refresh keeps the old credentials while they are still usable (the failure is
        logged, error() reports it, and another refresh is not tried for
        retryIntervalSeconds()). Once they have expired, the error is reported through
        credentialsFailed().
    \endlist

    waitForCredentials() is the blocking convenience for command-line tools and worker threads.

    Subclasses implement name() and startFetch(), and finish every startFetch() with exactly one
    call of reportCredentials() or reportError(), from any thread.

    The provider's own methods must not be called while it is being destroyed; a thread blocked
    in waitForCredentials() must have returned before the provider is deleted.
*/

/*!
    \enum AwsCredentialsProvider::Error

    \value NoError No error.
    \value NotConfiguredError The source is not configured (no variable, no file, no profile).
    \value InvalidConfigurationError The source is configured but its configuration is wrong
           (malformed file, missing key, bad JSON, an error answer from STS).
    \value NetworkError An endpoint could not be reached or answered with an HTTP error.
    \value TimeoutError The source did not answer in time.
    \value ProcessError A \c credential_process failed to start, crashed or exited non-zero.
    \value ExpiredError The source delivered credentials that have already expired.
    \value ChainExhaustedError No source of a chain provided credentials.
    \value LoginRequiredError The source needs a person to sign in again: the IAM Identity
           Center (SSO) token is missing, has expired and cannot be refreshed, or was refused
           (run \c{aws sso login}; see AwsSsoCredentialsProvider).
    \value UnknownError Anything else.
*/

/*!
    \fn void AwsCredentialsProvider::credentialsReady(const AwsCredentials &credentials)

    Emitted when a fetch() completes with usable \a credentials.
*/

/*!
    \fn void AwsCredentialsProvider::credentialsFailed(AwsCredentialsProvider::Error error, const QString &errorString)

    Emitted when a fetch() fails and there are no usable cached credentials. \a error and
    \a errorString describe the failure; they never contain a secret.
*/

/*!
    \fn QString AwsCredentialsProvider::name() const

    Returns a short human-readable name of the source, used in error messages and as the
    AwsCredentials::providerName() of the credentials it delivers.
*/

/*!
    \fn void AwsCredentialsProvider::startFetch()

    Called in the provider's thread when a refresh is needed. The implementation must
    eventually call reportCredentials() or reportError() exactly once. It may do so
    synchronously: the signals are then delivered after fetch() has returned.
*/

/*!
    Constructs a provider with the given \a parent.
*/
AwsCredentialsProvider::AwsCredentialsProvider(QObject *parent)
    : QObject(parent), d(new AwsCredentialsProviderPrivate)
{
}

/*!
    Destroys the provider.
*/
AwsCredentialsProvider::~AwsCredentialsProvider() = default;

/*!
    Returns the cached credentials, which may be null or expired. Thread-safe.
*/
AwsCredentials AwsCredentialsProvider::currentCredentials() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->credentials;
}

/*!
    Returns \c true when the cached credentials are valid and have not expired. Thread-safe.
*/
bool AwsCredentialsProvider::hasUsableCredentials() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->usableLocked(QDateTime::currentDateTimeUtc());
}

/*!
    Returns \c true when there are no cached credentials, or they have expired, or they expire
    within refreshMarginSeconds(). Thread-safe.
*/
bool AwsCredentialsProvider::needsRefresh() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->needsRefreshLocked(QDateTime::currentDateTimeUtc());
}

/*!
    Returns \c true while a refresh started by fetch() has not completed. Thread-safe.
*/
bool AwsCredentialsProvider::isFetching() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->fetching;
}

/*!
    Asks for credentials. The answer arrives through credentialsReady() or credentialsFailed(),
    never from within this call. May be called from any thread: from another thread the call
    is forwarded to the provider's thread, which must run an event loop.

    \sa waitForCredentials()
*/
void AwsCredentialsProvider::fetch()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this] { fetch(); }, Qt::QueuedConnection);
        return;
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool start = false;
    bool answerNow = false;
    AwsCredentials current;
    {
        std::unique_lock<std::mutex> locker(d->mutex);
        const bool usable = d->usableLocked(now);
        if (usable) {
            answerNow = true;
            current = d->credentials;
        }
        if (!d->fetching && d->needsRefreshLocked(now)) {
            const bool coolingDown = usable && d->lastFailedRefresh.isValid()
                    && d->lastFailedRefresh.secsTo(now) < d->retryIntervalSeconds;
            if (!coolingDown) {
                d->fetching = true;
                start = true;
            }
        }
    }

    if (answerNow) {
        QMetaObject::invokeMethod(
                this, [this, current] { Q_EMIT credentialsReady(current); },
                Qt::QueuedConnection);
    }
    if (start) {
        qCDebug(lcCredentials) << "refreshing credentials from" << name()
                                      << (answerNow ? "(in the background)" : "");
        d->inStartFetch = true;
        startFetch();
        d->inStartFetch = false;
    }
}

/*!
    Forgets the cached credentials, so that the next fetch() refreshes them (for example after
    a service rejected them as expired). Thread-safe. Composite providers (the chain) also
    invalidate the providers they consist of; they must then be called from the provider's
    thread.
*/
void AwsCredentialsProvider::invalidate()
{
    std::unique_lock<std::mutex> locker(d->mutex);
    d->credentials = AwsCredentials();
    d->lastFailedRefresh = QDateTime();
}

/*!
    Blocks for at most \a msecs milliseconds until usable credentials are available and returns
    them, or returns null credentials and sets \a error and \a errorString.

    Usable cached credentials are returned at once (a refresh is started in the background when
    they expire within the margin). Called from the provider's thread, it runs a local event
    loop; called from another thread, it waits on a condition while the provider's thread (which
    must run an event loop) performs the fetch.
*/
AwsCredentials AwsCredentialsProvider::waitForCredentials(int msecs, Error *error,
                                                          QString *errorString)
{
    auto setResult = [&](Error e, const QString &message) {
        if (error)
            *error = e;
        if (errorString)
            *errorString = message;
    };
    const QDeadlineTimer deadline(msecs < 0 ? qint64(-1) : qint64(msecs));
    const QString timeoutMessage = tr("Timed out after %1 ms waiting for credentials from %2")
                                           .arg(msecs)
                                           .arg(name());

    quint64 startGeneration = 0;
    {
        std::unique_lock<std::mutex> locker(d->mutex);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (d->usableLocked(now)) {
            const AwsCredentials current = d->credentials;
            const bool refresh = d->needsRefreshLocked(now) && !d->fetching;
            locker.unlock();
            if (refresh)
                fetch();
            setResult(NoError, QString());
            return current;
        }
        startGeneration = d->generation;
    }

    if (QThread::currentThread() == thread()) {
        if (!QCoreApplication::instance()) {
            setResult(UnknownError,
                      tr("waitForCredentials() needs a QCoreApplication in the provider's thread"));
            return AwsCredentials();
        }
        QEventLoop loop;
        const auto c1 = connect(this, &AwsCredentialsProvider::credentialsReady, &loop,
                                &QEventLoop::quit);
        const auto c2 = connect(this, &AwsCredentialsProvider::credentialsFailed, &loop,
                                &QEventLoop::quit);
        QTimer timer;
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        fetch();
        for (;;) {
            {
                std::unique_lock<std::mutex> locker(d->mutex);
                const QDateTime now = QDateTime::currentDateTimeUtc();
                if (d->usableLocked(now)) {
                    setResult(NoError, QString());
                    const AwsCredentials current = d->credentials;
                    locker.unlock();
                    disconnect(c1);
                    disconnect(c2);
                    return current;
                }
                if (d->generation != startGeneration && !d->fetching) {
                    setResult(d->error == NoError ? UnknownError : d->error, d->errorString);
                    break;
                }
            }
            if (deadline.hasExpired()) {
                setResult(TimeoutError, timeoutMessage);
                break;
            }
            // Re-armed at every turn: a timer may fire a little before the deadline.
            if (!deadline.isForever())
                timer.start(int(qMax<qint64>(1, deadline.remainingTime())));
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        }
        disconnect(c1);
        disconnect(c2);
        return AwsCredentials();
    }

    // Another thread: let the provider's thread fetch, and wait for a completed fetch.
    QMetaObject::invokeMethod(this, [this] { fetch(); }, Qt::QueuedConnection);
    std::unique_lock<std::mutex> locker(d->mutex);
    for (;;) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (d->usableLocked(now)) {
            setResult(NoError, QString());
            return d->credentials;
        }
        if (d->generation != startGeneration && !d->fetching) {
            setResult(d->error == NoError ? UnknownError : d->error, d->errorString);
            return AwsCredentials();
        }
        bool timedOut = deadline.hasExpired();
        if (!timedOut && deadline.isForever()) {
            d->condition.wait(locker);
        } else if (!timedOut) {
            timedOut = d->condition.wait_for(locker, std::chrono::milliseconds(deadline.remainingTime()))
                    == std::cv_status::timeout;
        }
        if (timedOut) {
            if (d->usableLocked(QDateTime::currentDateTimeUtc())) {
                setResult(NoError, QString());
                return d->credentials;
            }
            setResult(TimeoutError, timeoutMessage);
            return AwsCredentials();
        }
    }
}

/*!
    Returns the error of the last completed fetch, or NoError. After a failed background refresh
    this reports the failure although usable credentials are still cached. Thread-safe.
*/
AwsCredentialsProvider::Error AwsCredentialsProvider::error() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->error;
}

/*!
    Returns the message of the last completed fetch's error, or an empty string. Thread-safe.
*/
QString AwsCredentialsProvider::errorString() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->errorString;
}

/*!
    Returns how many seconds ahead of their expiry credentials are refreshed (300 by default).

    Credentials that lived less than twice the margin when they arrived are refreshed once half
    their lifetime is left instead (a 60-second session is refreshed after 30 seconds), so that
    short-lived credentials are not fetched again on every request.
*/
qint64 AwsCredentialsProvider::refreshMarginSeconds() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->refreshMarginSeconds;
}

/*!
    Sets the refresh margin to \a seconds (negative values count as 0).
*/
void AwsCredentialsProvider::setRefreshMarginSeconds(qint64 seconds)
{
    std::unique_lock<std::mutex> locker(d->mutex);
    d->refreshMarginSeconds = qMax<qint64>(0, seconds);
}

/*!
    Returns how long, after a failed background refresh, the provider keeps using the old
    credentials before it tries again (10 seconds by default).
*/
qint64 AwsCredentialsProvider::retryIntervalSeconds() const
{
    std::unique_lock<std::mutex> locker(d->mutex);
    return d->retryIntervalSeconds;
}

/*!
    Sets the retry interval after a failed background refresh to \a seconds.
*/
void AwsCredentialsProvider::setRetryIntervalSeconds(qint64 seconds)
{
    std::unique_lock<std::mutex> locker(d->mutex);
    d->retryIntervalSeconds = qMax<qint64>(0, seconds);
}

/*!
    Returns the enumerator name of \a error, for messages and logs.
*/
QString AwsCredentialsProvider::errorName(Error error)
{
    switch (error) {
    case NoError: return QStringLiteral("NoError");
    case NotConfiguredError: return QStringLiteral("NotConfiguredError");
    case InvalidConfigurationError: return QStringLiteral("InvalidConfigurationError");
    case NetworkError: return QStringLiteral("NetworkError");
    case TimeoutError: return QStringLiteral("TimeoutError");
    case ProcessError: return QStringLiteral("ProcessError");
    case ExpiredError: return QStringLiteral("ExpiredError");
    case ChainExhaustedError: return QStringLiteral("ChainExhaustedError");
    case LoginRequiredError: return QStringLiteral("LoginRequiredError");
    case UnknownError: break;
    }
    return QStringLiteral("UnknownError");
}

/*!
    Completes the current fetch with \a credentials. Credentials that are invalid or already
    expired are turned into an error. May be called from any thread.
*/
void AwsCredentialsProvider::reportCredentials(const AwsCredentials &credentials)
{
    if (!credentials.isValid()) {
        reportError(InvalidConfigurationError,
                    tr("%1 returned incomplete credentials (an access key id and a secret "
                       "access key are required)")
                            .arg(name()));
        return;
    }
    // Every provider, including custom ones, ends here: the last gate before credentials are
    // cached and handed to a signer.
    if (const QString problem = QtSigV4Private::credentialsProblem(credentials);
        !problem.isEmpty()) {
        reportError(InvalidConfigurationError,
                    tr("%1 returned credentials that cannot be sent: %2").arg(name(), problem));
        return;
    }
    if (credentials.isExpired()) {
        reportError(ExpiredError,
                    tr("%1 returned credentials that expired at %2")
                            .arg(name(), credentials.expiration().toUTC().toString(Qt::ISODate)));
        return;
    }

    AwsCredentials delivered = credentials;
    if (delivered.providerName().isEmpty())
        delivered.setProviderName(name());
    {
        std::unique_lock<std::mutex> locker(d->mutex);
        d->credentials = delivered;
        d->receivedAt = QDateTime::currentDateTimeUtc();
        d->error = NoError;
        d->errorString.clear();
        d->lastFailedRefresh = QDateTime();
        d->fetching = false;
        ++d->generation;
        d->condition.notify_all();
    }
    qCDebug(lcCredentials).nospace()
            << "credentials from " << name() << " ready (access key id "
            << delivered.accessKeyId() << ", expires "
            << (delivered.canExpire() ? delivered.expiration().toUTC().toString(Qt::ISODate)
                                      : QStringLiteral("never"))
            << ")";

    if (d->inStartFetch && QThread::currentThread() == thread()) {
        QMetaObject::invokeMethod(
                this, [this, delivered] { Q_EMIT credentialsReady(delivered); },
                Qt::QueuedConnection);
    } else {
        Q_EMIT credentialsReady(delivered);
    }
}

/*!
    Completes the current fetch with \a error and \a errorString, whose credentials (tokens,
    secret keys in JSON, XML or credentials files) are redacted. When the cached credentials
    are still usable they are kept, the failure is logged and nothing is emitted; otherwise
    credentialsFailed() is emitted. May be called from any thread.
*/
void AwsCredentialsProvider::reportError(Error error, const QString &errorString)
{
    // Providers quote what their sources said (a process's output, an endpoint's answer).
    const QString message = QtSigV4Private::redactCredentials(errorString);
    bool keptOld = false;
    {
        std::unique_lock<std::mutex> locker(d->mutex);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        keptOld = d->usableLocked(now);
        d->error = error == NoError ? UnknownError : error;
        d->errorString = message;
        if (keptOld)
            d->lastFailedRefresh = now;
        d->fetching = false;
        ++d->generation;
        d->condition.notify_all();
    }
    if (keptOld) {
        qCWarning(lcCredentials).noquote()
                << "refreshing credentials from" << name()
                << "failed; keeping the current ones until they expire:" << message;
        return;
    }
    qCDebug(lcCredentials).noquote()
            << "credentials from" << name() << "failed:" << message;

    const Error e = error == NoError ? UnknownError : error;
    if (d->inStartFetch && QThread::currentThread() == thread()) {
        QMetaObject::invokeMethod(
                this, [this, e, message] { Q_EMIT credentialsFailed(e, message); },
                Qt::QueuedConnection);
    } else {
        Q_EMIT credentialsFailed(e, message);
    }
}
