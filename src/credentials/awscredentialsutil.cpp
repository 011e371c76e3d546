// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "credentials/awscredentialsutil_p.h"

#include <qtsigv4/awsdate.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkproxy.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

#include <algorithm>

#ifdef Q_OS_UNIX
#  include <cerrno>
#  include <cstring>
#  include <fcntl.h>
#  include <poll.h>
#  include <sys/stat.h>
#  include <unistd.h>
#endif

namespace QtSigV4Private {

static const char TimedOutProperty[] = "_qtsigv4_timedOut";
static const char TooLargeProperty[] = "_qtsigv4_tooLarge";

#ifdef Q_OS_UNIX
// AWS_CONFIG_FILE=/dev/null is the usual way to say "no config file": it reads as empty.
static bool isDevNull(const struct stat &st)
{
    struct stat null;
    return S_ISCHR(st.st_mode) && ::stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode)
            && st.st_rdev == null.st_rdev;
}
#endif

static bool openSourceFile(QFile *file, const QString &path, QString *errorString)
{
#ifdef Q_OS_UNIX
    // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *errorString = QStringLiteral("cannot read %1: %2")
                               .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || isDevNull(st))) {
        ::close(fd);
        *errorString = QStringLiteral("cannot read %1: not a regular file or pipe").arg(path);
        return false;
    }
    if (!file->open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *errorString = QStringLiteral("cannot read %1: %2").arg(path, file->errorString());
        return false;
    }
    return true;
#else
    if (!QFileInfo(path).isFile()) {
        *errorString = QStringLiteral("cannot read %1: not a regular file").arg(path);
        return false;
    }
    file->setFileName(path);
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(path, file->errorString());
        return false;
    }
    return true;
#endif
}

static bool tooLargeFile(const QString &path, qint64 maxSize, QString *errorString)
{
    *errorString = QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxSize);
    return false;
}

static bool readCapped(QFile *file, const QString &path, qint64 maxSize, int timeoutMs,
                       QByteArray *data, QString *errorString)
{
    QByteArray content;
#ifdef Q_OS_UNIX
    const int fd = file->handle();
    QElapsedTimer elapsed;
    elapsed.start();
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            if (content.size() + n > maxSize)
                return tooLargeFile(path, maxSize, errorString);
            content.append(buffer, n);
            continue;
        }
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        const qint64 left = timeoutMs - elapsed.elapsed();
        if (errno != EAGAIN || left <= 0) {
            *errorString = errno == EAGAIN
                    ? QStringLiteral("%1: the pipe did not end within %2 ms").arg(path).arg(timeoutMs)
                    : QStringLiteral("cannot read %1: %2").arg(path,
                                                               QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        pollfd p = { fd, POLLIN, 0 };
        ::poll(&p, 1, int(left));
    }
#else
    Q_UNUSED(timeoutMs);
    content = file->read(maxSize + 1);
    if (content.size() > maxSize)
        return tooLargeFile(path, maxSize, errorString);
#endif
    *data = content;
    return true;
}

QString environmentValue(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

bool environmentIsTrue(const char *name)
{
    return environmentValue(name).compare(u"true", Qt::CaseInsensitive) == 0;
}

QDateTime parseTimestamp(const QString &text)
{
    const QByteArray latin = text.trimmed().toLatin1();
    QDateTime result = AwsDate::parse(latin);
    if (!result.isValid())
        result = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (result.isValid())
        result = result.toUTC();
    return result;
}

bool readSmallFile(const QString &path, QByteArray *data, QString *errorString, qint64 maxSize)
{
    QFile file;
    return openSourceFile(&file, path, errorString)
            && readCapped(&file, path, maxSize, SourcePipeTimeoutMs, data, errorString);
}

AwsCredentials credentialsFromJson(const QJsonObject &object, QString *errorString)
{
    auto stringField = [&](const char *name) {
        return object.value(QLatin1String(name)).toString().trimmed();
    };
    const QString keyId = stringField("AccessKeyId");
    const QString secret = stringField("SecretAccessKey");
    QString token = stringField("Token");
    QString tokenName = QStringLiteral("Token");
    if (token.isEmpty()) {
        token = stringField("SessionToken");
        tokenName = QStringLiteral("SessionToken");
    }
    if (keyId.isEmpty() || secret.isEmpty()) {
        *errorString = keyId.isEmpty() ? QStringLiteral("the answer has no AccessKeyId")
                                       : QStringLiteral("the answer has no SecretAccessKey");
        return AwsCredentials();
    }
    QDateTime expiration;
    const QJsonValue expirationValue = object.value(QLatin1String("Expiration"));
    if (!expirationValue.isUndefined() && !expirationValue.isNull()) {
        expiration = parseTimestamp(expirationValue.toString());
        if (!expiration.isValid()) {
            *errorString = QStringLiteral("the Expiration \"%1\" is not an ISO 8601 timestamp")
                                   .arg(echoableText(expirationValue.toString().toUtf8()));
            return AwsCredentials();
        }
    }
    AwsCredentials credentials(keyId, secret, token, expiration);
    *errorString = credentialsProblem(credentials, QStringLiteral("AccessKeyId"),
                                      QStringLiteral("SecretAccessKey"), tokenName);
    return errorString->isEmpty() ? credentials : AwsCredentials();
}

QNetworkReply *sendWithTimeout(QNetworkAccessManager *manager, const QNetworkRequest &request,
                               const QByteArray &verb, const QByteArray &body, int timeoutMs)
{
    QNetworkRequest r(request);
    r.setTransferTimeout(timeoutMs);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                   QNetworkRequest::ManualRedirectPolicy);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    QNetworkReply *reply = body.isNull() && verb == "GET"
            ? manager->get(r)
            : manager->sendCustomRequest(r, verb, body);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] {
        if (!reply->isFinished()) {
            reply->setProperty(TimedOutProperty, true);
            reply->abort();
        }
    });
    timer->start(timeoutMs);
    // Credential answers are small: stop one that announces or sends more than the bound. The
    // read buffer is bounded too, so that a fast server cannot queue more while we are busy.
    reply->setReadBufferSize(2 * MaxSourceBytes);
    auto stopIfTooLarge = [reply] {
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (reply->isFinished() || (announced <= MaxSourceBytes && reply->bytesAvailable() <= MaxSourceBytes))
            return;
        reply->setProperty(TooLargeProperty, true);
        reply->abort();
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, stopIfTooLarge);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, stopIfTooLarge);
    return reply;
}

void abortAndDelete(QNetworkReply *reply, QObject *owner)
{
    if (!reply)
        return;
    reply->disconnect(owner);
    reply->abort();
    delete reply;
}

bool replyTooLarge(const QNetworkReply *reply)
{
    return reply->property(TooLargeProperty).toBool();
}

int takeReplyAnswer(QNetworkReply *reply, QByteArray *body)
{
    reply->deleteLater();
    *body = reply->isOpen() ? reply->readAll() : QByteArray();
    return replyTooLarge(reply)
            ? 0
            : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool replyTimedOut(const QNetworkReply *reply)
{
    if (replyTooLarge(reply))
        return false;
    return reply->property(TimedOutProperty).toBool()
            || (reply->error() == QNetworkReply::OperationCanceledError)
            || reply->error() == QNetworkReply::TimeoutError;
}

AwsCredentialsProvider::Error replyErrorType(QNetworkReply *reply)
{
    if (replyTimedOut(reply))
        return AwsCredentialsProvider::TimeoutError;
    return AwsCredentialsProvider::NetworkError;
}

QString describeReplyFailure(QNetworkReply *reply, const QByteArray &body)
{
    const QString url = reply->url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (replyTooLarge(reply))
        return QStringLiteral("the answer from %1 is larger than %2 bytes").arg(url).arg(MaxSourceBytes);
    if (replyTimedOut(reply))
        return QStringLiteral("no answer from %1 in time").arg(url);
    if (status > 0) {
        const QString excerpt = echoableText(body.left(300), body.size());
        return excerpt.isEmpty() ? QStringLiteral("HTTP %1 from %2").arg(status).arg(url)
                                 : QStringLiteral("HTTP %1 from %2: %3").arg(status).arg(url, excerpt);
    }
    return QStringLiteral("%1: %2").arg(url, reply->errorString());
}

QNetworkAccessManager *createDirectNetworkAccessManager(QObject *parent)
{
    auto *manager = new QNetworkAccessManager(parent);
    manager->setProxy(QNetworkProxy::NoProxy);
    manager->setAutoDeleteReplies(false);
    return manager;
}

} // namespace QtSigV4Private
