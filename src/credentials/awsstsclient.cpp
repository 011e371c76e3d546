// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsstsclient.h>

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningresult.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qpointer.h>
#include <QtCore/qxmlstream.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

using namespace QtSigV4Private;

/*!
    \class AwsStsClient
    \inmodule QtSigV4
    \brief Calls the AWS Security Token Service to obtain temporary credentials.

    Two actions are supported: \c AssumeRole, signed with AwsSigner and the source credentials,
    and \c AssumeRoleWithWebIdentity, which STS specifies as an unsigned call. Both are POST
    requests of the query protocol (\c{Content-Type: application/x-www-form-urlencoded;
    charset=utf-8}, signed) sent with a QNetworkAccessManager; the XML answer is parsed with
    QXmlStreamReader. An error answer is reported with the service's \c Code and \c Message.

    One call at a time: the result arrives through finished() or failed(). The endpoint defaults
    to the regional STS endpoint of region() (\c{https://sts.REGION.amazonaws.com}), or the
    global \c{https://sts.amazonaws.com} when no region is set; setEndpoint() overrides it (for
    example with the value of AwsConfigFile::resolveEndpointUrl("sts")). Every call is bounded
    by timeout().

    Secrets, session tokens and web identity tokens are never logged.
*/

/*!
    \fn void AwsStsClient::finished(const AwsCredentials &credentials)
    Emitted when STS returned \a credentials.
*/

/*!
    \fn void AwsStsClient::failed(AwsCredentialsProvider::Error error, const QString &errorString)
    Emitted when the call failed: \a error is NetworkError or TimeoutError for transport
    problems and HTTP 5xx, InvalidConfigurationError for an error answer of STS (4xx) or an
    answer that cannot be parsed. \a errorString includes the service's message.
*/

class AwsStsClientPrivate
{
public:
    QString region;
    QUrl endpoint;
    int timeoutMs = AwsStsClient::DefaultTimeoutMs;
    QPointer<QNetworkAccessManager> manager;
    QNetworkAccessManager *ownManager = nullptr;
    QPointer<QNetworkReply> reply;
    QString action;
    QString roleArn;
};

/*!
    Constructs a client with the given \a parent.
*/
AwsStsClient::AwsStsClient(QObject *parent) : QObject(parent), d(new AwsStsClientPrivate) { }

/*!
    Destroys the client, aborting a running call (no signal is emitted then).
*/
AwsStsClient::~AwsStsClient()
{
    if (d->reply) {
        d->reply->disconnect(this);
        d->reply->abort();
        d->reply->deleteLater();
    }
}

/*! Returns the region whose endpoint and signing scope are used. */
QString AwsStsClient::region() const { return d->region; }
/*! Sets the \a region. */
void AwsStsClient::setRegion(const QString &region) { d->region = region.trimmed(); }
/*! Returns the endpoint set with setEndpoint(), or an empty QUrl. */
QUrl AwsStsClient::endpoint() const { return d->endpoint; }
/*! Sets the \a endpoint to call instead of the default one. */
void AwsStsClient::setEndpoint(const QUrl &endpoint) { d->endpoint = endpoint; }

/*!
    Returns the endpoint that a call uses: endpoint(), or defaultEndpoint() of region().
*/
QUrl AwsStsClient::effectiveEndpoint() const
{
    QUrl url = d->endpoint.isValid() && !d->endpoint.isEmpty() ? d->endpoint
                                                              : defaultEndpoint(d->region);
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

/*!
    Returns the STS endpoint of \a region: \c{https://sts.REGION.amazonaws.com} (\c .com.cn in
    China regions), or \c{https://sts.amazonaws.com} when \a region is empty.
*/
QUrl AwsStsClient::defaultEndpoint(const QString &region)
{
    if (region.isEmpty())
        return QUrl(QStringLiteral("https://sts.amazonaws.com/"));
    const QString suffix = region.startsWith(u"cn-") ? QStringLiteral("amazonaws.com.cn")
                                                      : QStringLiteral("amazonaws.com");
    return QUrl(QStringLiteral("https://sts.%1.%2/").arg(region, suffix));
}

/*! Returns the time-out of a call in milliseconds (15000 by default). */
int AwsStsClient::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of a call to \a msecs milliseconds. */
void AwsStsClient::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }

/*!
    Returns the network access manager used for calls; one is created on first use when none
    was set.
*/
QNetworkAccessManager *AwsStsClient::networkAccessManager() const
{
    if (!d->manager) {
        if (!d->ownManager)
            d->ownManager = new QNetworkAccessManager(const_cast<AwsStsClient *>(this));
        d->manager = d->ownManager;
    }
    return d->manager;
}

/*!
    Uses \a manager (not owned) for calls. It must live in the client's thread.
*/
void AwsStsClient::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

/*! Returns \c true while a call is running. */
bool AwsStsClient::isBusy() const { return !d->reply.isNull(); }

/*!
    Aborts the running call, if any, without emitting a signal.
*/
void AwsStsClient::abort()
{
    if (QNetworkReply *reply = d->reply) {
        d->reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

/*!
    Returns a role session name for calls that were not given one:
    "qtsigv4-session-" followed by the seconds since the epoch.
*/
QString AwsStsClient::defaultRoleSessionName()
{
    return QStringLiteral("qtsigv4-session-%1").arg(QDateTime::currentSecsSinceEpoch());
}

static QByteArray formEncode(const QList<QPair<QString, QString>> &parameters)
{
    QByteArray out;
    for (const auto &p : parameters) {
        if (p.second.isNull())
            continue;
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(p.first) + '=' + QUrl::toPercentEncoding(p.second);
    }
    return out;
}

/*!
    Calls \c AssumeRole for \a parameters, signed with \a sourceCredentials.
*/
void AwsStsClient::assumeRole(const AwsCredentials &sourceCredentials,
                              const AssumeRoleParameters &parameters)
{
    abort();
    d->action = QStringLiteral("AssumeRole");
    d->roleArn = parameters.roleArn;
    QList<QPair<QString, QString>> form{
        { QStringLiteral("Action"), QStringLiteral("AssumeRole") },
        { QStringLiteral("Version"), QStringLiteral("2011-06-15") },
        { QStringLiteral("RoleArn"), parameters.roleArn },
        { QStringLiteral("RoleSessionName"), parameters.roleSessionName.isEmpty()
                  ? defaultRoleSessionName() : parameters.roleSessionName },
    };
    if (!parameters.externalId.isEmpty())
        form.append({ QStringLiteral("ExternalId"), parameters.externalId });
    if (parameters.durationSeconds > 0)
        form.append({ QStringLiteral("DurationSeconds"), QString::number(parameters.durationSeconds) });
    if (!parameters.policy.isEmpty())
        form.append({ QStringLiteral("Policy"), parameters.policy });

    const QUrl url = effectiveEndpoint();
    const QByteArray body = formEncode(form);
    const QByteArray contentType("application/x-www-form-urlencoded; charset=utf-8");
    const QString signingRegion = d->region.isEmpty() ? QStringLiteral("us-east-1") : d->region;

    AwsSigner signer(AwsSigningConfig(QStringLiteral("sts"), signingRegion));
    const AwsHttpRequest request = AwsHttpRequest::fromUrl(
            "POST", url, { { QByteArrayLiteral("Content-Type"), contentType } }, body);
    const AwsSigningResult signature = signer.sign(request, sourceCredentials);
    if (!signature.isValid()) {
        const QString message = tr("STS AssumeRole for %1: cannot sign the request: %2")
                                        .arg(parameters.roleArn, signature.errorString());
        QMetaObject::invokeMethod(
                this,
                [this, message] { Q_EMIT failed(AwsCredentialsProvider::InvalidConfigurationError, message); },
                Qt::QueuedConnection);
        return;
    }
    QNetworkRequest networkRequest(url);
    networkRequest.setRawHeader("Content-Type", contentType);
    for (const auto &header : signature.headersToAdd()) {
        if (header.first.compare("host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.first, header.second);
    }
    qCDebug(lcCredentials).noquote() << "STS AssumeRole" << parameters.roleArn << "at"
                                     << url.toString(QUrl::RemoveUserInfo) << "region"
                                     << signingRegion;
    d->reply = sendWithTimeout(networkAccessManager(), networkRequest, "POST", body, d->timeoutMs);
    QNetworkReply *reply = d->reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
}

/*!
    Calls \c AssumeRoleWithWebIdentity (unsigned) for \a roleArn with \a webIdentityToken.
    \a roleSessionName defaults to defaultRoleSessionName(); \a durationSeconds 0 means the
    service default.
*/
void AwsStsClient::assumeRoleWithWebIdentity(const QString &roleArn,
                                             const QString &roleSessionName,
                                             const QByteArray &webIdentityToken,
                                             int durationSeconds)
{
    abort();
    d->action = QStringLiteral("AssumeRoleWithWebIdentity");
    d->roleArn = roleArn;
    QList<QPair<QString, QString>> form{
        { QStringLiteral("Action"), QStringLiteral("AssumeRoleWithWebIdentity") },
        { QStringLiteral("Version"), QStringLiteral("2011-06-15") },
        { QStringLiteral("RoleArn"), roleArn },
        { QStringLiteral("RoleSessionName"),
          roleSessionName.isEmpty() ? defaultRoleSessionName() : roleSessionName },
        { QStringLiteral("WebIdentityToken"), QString::fromUtf8(webIdentityToken.trimmed()) },
    };
    if (durationSeconds > 0)
        form.append({ QStringLiteral("DurationSeconds"), QString::number(durationSeconds) });

    const QUrl url = effectiveEndpoint();
    QNetworkRequest networkRequest(url);
    networkRequest.setRawHeader("Content-Type",
                                "application/x-www-form-urlencoded; charset=utf-8");
    qCDebug(lcCredentials).noquote() << "STS AssumeRoleWithWebIdentity" << roleArn << "at"
                                     << url.toString(QUrl::RemoveUserInfo);
    d->reply = sendWithTimeout(networkAccessManager(), networkRequest, "POST", formEncode(form),
                               d->timeoutMs);
    QNetworkReply *reply = d->reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
}

void AwsStsClient::handleReply(QNetworkReply *reply)
{
    if (d->reply != reply)
        return;
    d->reply = nullptr;
    reply->deleteLater();
    const QByteArray data = reply->isOpen() ? reply->readAll() : QByteArray();
    // An answer cut at the size bound counts as no answer.
    const int status = replyTooLarge(reply)
            ? 0
            : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString what = tr("STS %1 for %2 at %3")
                                 .arg(d->action, d->roleArn,
                                      reply->url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    if (status >= 200 && status < 300) {
        QString error;
        const AwsCredentials credentials = parseCredentialsResponse(data, &error);
        if (credentials.isValid()) {
            Q_EMIT finished(credentials);
        } else {
            Q_EMIT failed(AwsCredentialsProvider::InvalidConfigurationError,
                          tr("%1: unexpected answer: %2").arg(what, error));
        }
        return;
    }
    if (status > 0) {
        QString code;
        QString message = parseErrorResponse(data, &code);
        // The server's words, bounded and without control characters.
        code = echoableText(code.toUtf8());
        message = echoableText(message.toUtf8());
        const AwsCredentialsProvider::Error type = status >= 500
                ? AwsCredentialsProvider::NetworkError
                : AwsCredentialsProvider::InvalidConfigurationError;
        QString text = tr("%1 failed with HTTP %2").arg(what).arg(status);
        if (!code.isEmpty() || !message.isEmpty())
            text += QStringLiteral(": ") + (code.isEmpty() ? message
                                                           : message.isEmpty() ? code
                                                           : code + QStringLiteral(": ") + message);
        Q_EMIT failed(type, text);
        return;
    }
    Q_EMIT failed(replyErrorType(reply),
                  tr("%1 failed: %2").arg(what, describeReplyFailure(reply, QByteArray())));
}

/*!
    Parses \a xml, the answer of AssumeRole / AssumeRoleWithWebIdentity (its \c Credentials
    element). Returns null credentials and sets \a errorString when they are missing.
*/
AwsCredentials AwsStsClient::parseCredentialsResponse(const QByteArray &xml, QString *errorString)
{
    QXmlStreamReader reader(xml);
    QString keyId, secret, token, expiration;
    bool inCredentials = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType type = reader.readNext();
        if (type == QXmlStreamReader::StartElement) {
            if (reader.name() == u"Credentials") {
                inCredentials = true;
            } else if (inCredentials) {
                const QString name = reader.name().toString();
                const QString text = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
                if (name == u"AccessKeyId")
                    keyId = text;
                else if (name == u"SecretAccessKey")
                    secret = text;
                else if (name == u"SessionToken")
                    token = text;
                else if (name == u"Expiration")
                    expiration = text;
            }
        } else if (type == QXmlStreamReader::EndElement && reader.name() == u"Credentials") {
            inCredentials = false;
        }
    }
    auto fail = [errorString](const QString &message) {
        if (errorString)
            *errorString = message;
        return AwsCredentials();
    };
    if (reader.hasError())
        return fail(QStringLiteral("malformed XML: %1").arg(reader.errorString()));
    if (keyId.isEmpty() || secret.isEmpty())
        return fail(QStringLiteral("no Credentials (AccessKeyId, SecretAccessKey) in the answer"));
    QDateTime expires;
    if (!expiration.isEmpty()) {
        expires = parseTimestamp(expiration);
        if (!expires.isValid())
            return fail(QStringLiteral("the Expiration \"%1\" cannot be parsed")
                                .arg(echoableText(expiration.toUtf8())));
    }
    const AwsCredentials credentials(keyId, secret, token, expires);
    const QString problem = credentialsProblem(credentials, QStringLiteral("AccessKeyId"),
                                               QStringLiteral("SecretAccessKey"),
                                               QStringLiteral("SessionToken"));
    return problem.isEmpty() ? credentials : fail(problem);
}

/*!
    Returns the \c Message of an STS error answer (\c{<ErrorResponse><Error>...}), and its
    \c Code in \a code. Empty when \a xml is not such an answer.
*/
QString AwsStsClient::parseErrorResponse(const QByteArray &xml, QString *code)
{
    QXmlStreamReader reader(xml);
    QString message, errorCode;
    bool inError = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType type = reader.readNext();
        if (type == QXmlStreamReader::StartElement) {
            if (reader.name() == u"Error") {
                inError = true;
            } else if (inError && reader.name() == u"Code") {
                errorCode = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            } else if (inError && reader.name() == u"Message") {
                message = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            }
        } else if (type == QXmlStreamReader::EndElement && reader.name() == u"Error") {
            inError = false;
        }
    }
    if (code)
        *code = errorCode;
    return message;
}
