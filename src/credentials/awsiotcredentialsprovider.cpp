// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsiotcredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>
#include <QtNetwork/qsslconfiguration.h>

using namespace QtSigV4Private;

/*!
    \class AwsIotCredentialsProvider
    \inmodule QtSigV4
    \brief Provides temporary credentials for a device from the AWS IoT Core credentials
    provider, in exchange for the device's X.509 certificate.

    A device registered with AWS IoT holds a certificate and its private key, not access keys.
    This provider calls
    \c{GET https://<endpoint>/role-aliases/<roleAlias>/credentials} with the header
    \c{x-amzn-iot-thingname: <thingName>} over mutual TLS, authenticating with that certificate,
    and receives credentials of the IAM role the role alias names:

    \code
    auto *iot = new AwsIotCredentialsProvider(this);
    iot->setEndpoint(QStringLiteral("c1a2b3.credentials.iot.eu-west-1.amazonaws.com"));
    iot->setRoleAlias(QStringLiteral("sensor-role-alias"));
    iot->setThingName(QStringLiteral("sensor-0042"));
    iot->setCertificateFile(QStringLiteral("/etc/device/certificate.pem.crt"));
    iot->setPrivateKeyFile(QStringLiteral("/etc/device/private.pem.key"));
    iot->setCaFile(QStringLiteral("/etc/device/AmazonRootCA1.pem"));   // optional
    \endcode

    The endpoint is the account's \c{iot:CredentialProvider} endpoint
    (\c{aws iot describe-endpoint --endpoint-type iot:CredentialProvider}); it is always
    contacted over HTTPS. The certificate and key come from certificate() and privateKey()
    when set, otherwise from the PEM files certificateFile() and privateKeyFile(), read again
    at every refresh (so a rotated certificate is picked up) and at most 256 KiB each; the key
    must not be encrypted. The server is trusted when its certificate chains to one of
    caCertificates(), else to one in caFile(), else to the system's CAs.

    The credentials expire (usually after an hour, the role alias's credential duration) and
    are refreshed refreshMarginSeconds() before they do. Every refresh opens a new TLS
    connection (no session resumption), so a rotated or replaced certificate takes effect at
    the next one. Each request is bounded by timeout()
    (5 s) and its answer by 256 KiB. Errors:
    \list
    \li NotConfiguredError: no endpoint is set.
    \li InvalidConfigurationError: a role alias, thing name, certificate or key is missing,
        unreadable or malformed, or contains a control character; the TLS handshake failed
        (the server's certificate is not trusted, or the device certificate was refused); the
        endpoint answered HTTP 4xx (for example 403: certificate not registered, inactive, not
        attached to the thing, or the role alias unknown); or the answer is not the expected
        JSON, or a credential in it contains a control character.
    \li NetworkError: the endpoint is unreachable or answered HTTP 5xx.
    \li TimeoutError: no complete answer within timeout().
    \endlist
*/

class AwsIotCredentialsProviderPrivate
{
public:
    QUrl endpoint;
    QString roleAlias;
    QString thingName;
    QString certificateFile;
    QString privateKeyFile;
    QString caFile;
    QSslCertificate certificate;
    QSslKey privateKey;
    QList<QSslCertificate> caCertificates;
    int timeoutMs = AwsIotCredentialsProvider::DefaultTimeoutMs;
    QNetworkAccessManager *manager = nullptr; // its own (honours the application's proxy)
    QPointer<QNetworkReply> reply;
};

namespace {

QString nameProblem(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("no %1 is set").arg(what);
    if (value.size() > AwsIotCredentialsProvider::MaxNameLength)
        return QStringLiteral("the %1 is longer than %2 characters")
                .arg(what)
                .arg(AwsIotCredentialsProvider::MaxNameLength);
    return controlCharacterProblem(QStringLiteral("the ") + what, value);
}

// A private key in PEM of any algorithm Qt's TLS backend reads.
QSslKey keyFromPem(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return QSslKey();
}

bool readPemFile(const QString &what, const QString &path, QByteArray *data, QString *errorString)
{
    QString error;
    if (readSmallFile(path, data, &error))
        return true;
    *errorString = QStringLiteral("the %1 file: %2").arg(what, error);
    return false;
}

// {"credentials":{"accessKeyId","secretAccessKey","sessionToken","expiration"}}
AwsCredentials credentialsFromIotJson(const QByteArray &body, QString *errorString)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object().value(QLatin1String("credentials")).toObject();
    if (parseError.error != QJsonParseError::NoError || object.isEmpty()) {
        *errorString = QStringLiteral("the answer is not a JSON object with \"credentials\"");
        return AwsCredentials();
    }
    QStringList fields;
    for (const char *name : { "accessKeyId", "secretAccessKey", "sessionToken", "expiration" }) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (!value.isString() || value.toString().trimmed().isEmpty()) {
            *errorString = QStringLiteral("the answer has no %1").arg(QLatin1String(name));
            return AwsCredentials();
        }
        fields.append(value.toString().trimmed());
    }
    const QDateTime expiration = parseTimestamp(fields.at(3));
    if (!expiration.isValid()) {
        *errorString = QStringLiteral("the expiration \"%1\" is not an ISO 8601 timestamp")
                               .arg(echoableText(fields.at(3).toUtf8()));
        return AwsCredentials();
    }
    const AwsCredentials credentials(fields.at(0), fields.at(1), fields.at(2), expiration);
    *errorString = credentialsProblem(credentials, QStringLiteral("accessKeyId"),
                                      QStringLiteral("secretAccessKey"),
                                      QStringLiteral("sessionToken"));
    return errorString->isEmpty() ? credentials : AwsCredentials();
}

constexpr char EncryptedProperty[] = "qtsigv4.iot.encrypted";

// With TLS 1.3 the client's side of the handshake is over before the server checks the client
// certificate: a refused device certificate shows as a connection closed without an answer.
bool deviceCertificateRefused(QNetworkReply *reply, int status)
{
    return status == 0 && reply->property(EncryptedProperty).toBool()
            && reply->error() == QNetworkReply::RemoteHostClosedError;
}

bool tlsFailed(QNetworkReply *reply, int status)
{
    return status == 0 && reply->error() == QNetworkReply::SslHandshakeFailedError;
}

AwsCredentialsProvider::Error errorTypeOf(QNetworkReply *reply, int status)
{
    if ((status >= 400 && status < 500) || tlsFailed(reply, status)
        || deviceCertificateRefused(reply, status))
        return AwsCredentialsProvider::InvalidConfigurationError;
    return status == 0 ? replyErrorType(reply) : AwsCredentialsProvider::NetworkError;
}

} // namespace

/*!
    Constructs the provider with the given \a parent.
*/
AwsIotCredentialsProvider::AwsIotCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsIotCredentialsProviderPrivate)
{
}

/*!
    Destroys the provider, aborting a running request.
*/
AwsIotCredentialsProvider::~AwsIotCredentialsProvider()
{
    abortAndDelete(d->reply, this);
}

/*!
    Returns "iot".
*/
QString AwsIotCredentialsProvider::name() const
{
    return QStringLiteral("iot");
}

/*! Returns the base URL of the credentials endpoint (always https). */
QUrl AwsIotCredentialsProvider::endpoint() const { return d->endpoint; }

/*!
    Sets the credentials endpoint to \a hostOrUrl: a host name (with an optional port), as
    \c{aws iot describe-endpoint} prints it, or an \c https URL. Anything else (an \c http URL,
    a path) makes the next refresh fail with InvalidConfigurationError.
*/
void AwsIotCredentialsProvider::setEndpoint(const QString &hostOrUrl)
{
    const QString text = hostOrUrl.trimmed();
    d->endpoint = text.isEmpty() ? QUrl()
            : text.contains(u"://") ? QUrl(text, QUrl::StrictMode)
                                    : QUrl(QStringLiteral("https://") + text, QUrl::StrictMode);
}

/*! Returns the role alias. */
QString AwsIotCredentialsProvider::roleAlias() const { return d->roleAlias; }
/*! Sets the role alias \a roleAlias (percent-encoded into the request path). */
void AwsIotCredentialsProvider::setRoleAlias(const QString &roleAlias) { d->roleAlias = roleAlias; }
/*! Returns the thing name. */
QString AwsIotCredentialsProvider::thingName() const { return d->thingName; }
/*! Sets the thing name \a thingName sent in \c x-amzn-iot-thingname. */
void AwsIotCredentialsProvider::setThingName(const QString &thingName) { d->thingName = thingName; }
/*! Returns the PEM file of the device certificate. */
QString AwsIotCredentialsProvider::certificateFile() const { return d->certificateFile; }
/*!
    Reads the device certificate (PEM, optionally followed by intermediate certificates) from
    \a path at every refresh, unless certificate() is set.
*/
void AwsIotCredentialsProvider::setCertificateFile(const QString &path) { d->certificateFile = path; }
/*! Returns the PEM file of the device's private key. */
QString AwsIotCredentialsProvider::privateKeyFile() const { return d->privateKeyFile; }
/*!
    Reads the device's unencrypted private key (PEM: RSA, EC or PKCS#8) from \a path at every
    refresh, unless privateKey() is set.
*/
void AwsIotCredentialsProvider::setPrivateKeyFile(const QString &path) { d->privateKeyFile = path; }
/*! Returns the PEM file of the CA certificates trusted for the endpoint. */
QString AwsIotCredentialsProvider::caFile() const { return d->caFile; }
/*!
    Trusts only the CA certificates in the PEM file \a path for the endpoint (for example
    Amazon Root CA 1), unless caCertificates() is set. Empty: the system's CAs.
*/
void AwsIotCredentialsProvider::setCaFile(const QString &path) { d->caFile = path; }
/*! Returns the device certificate set with setCertificate(). */
QSslCertificate AwsIotCredentialsProvider::certificate() const { return d->certificate; }
/*! Uses \a certificate as the device certificate (instead of certificateFile()). */
void AwsIotCredentialsProvider::setCertificate(const QSslCertificate &certificate)
{
    d->certificate = certificate;
}
/*! Returns the private key set with setPrivateKey(). */
QSslKey AwsIotCredentialsProvider::privateKey() const { return d->privateKey; }
/*!
    Uses \a key as the device's private key (instead of privateKeyFile()); it may also be a
    handle to a key in a hardware module (QSsl::Opaque).
*/
void AwsIotCredentialsProvider::setPrivateKey(const QSslKey &key) { d->privateKey = key; }
/*! Returns the CA certificates set with setCaCertificates(). */
QList<QSslCertificate> AwsIotCredentialsProvider::caCertificates() const { return d->caCertificates; }
/*! Trusts only \a certificates for the endpoint (instead of caFile()). */
void AwsIotCredentialsProvider::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    d->caCertificates = certificates;
}
/*! Returns the time-out of a request in milliseconds. */
int AwsIotCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of a request (connection, handshake and answer) to \a msecs. */
void AwsIotCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }

/*!
    Returns the URL the credentials are requested from, or an invalid URL when the endpoint
    or role alias is not set.
*/
QUrl AwsIotCredentialsProvider::credentialsUrl() const
{
    if (!d->endpoint.isValid() || d->roleAlias.isEmpty())
        return QUrl();
    QUrl url = d->endpoint;
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());
    const QByteArray alias = QUrl::toPercentEncoding(d->roleAlias);
    return QUrl::fromEncoded(url.toEncoded(QUrl::StripTrailingSlash) + "/role-aliases/" + alias
                             + "/credentials", QUrl::StrictMode);
}

QString AwsIotCredentialsProvider::configurationProblem() const
{
    if (d->endpoint.scheme().compare(u"https", Qt::CaseInsensitive) != 0
        || !d->endpoint.isValid() || d->endpoint.host().isEmpty()
        || !d->endpoint.userInfo().isEmpty() || d->endpoint.path().size() > 1) {
        return QStringLiteral("the IoT credentials endpoint must be a host name or an https "
                              "URL without a path or user info");
    }
    for (const QString &problem : { nameProblem(QStringLiteral("role alias"), d->roleAlias),
                                    nameProblem(QStringLiteral("thing name"), d->thingName) }) {
        if (!problem.isEmpty())
            return problem;
    }
    return QString();
}

bool AwsIotCredentialsProvider::buildTlsConfiguration(QSslConfiguration *configuration,
                                                      QString *errorString) const
{
    QList<QSslCertificate> chain { d->certificate };
    if (d->certificate.isNull()) {
        QByteArray pem;
        if (d->certificateFile.isEmpty()) {
            *errorString = QStringLiteral("no device certificate (certificate or certificateFile) is set");
            return false;
        }
        if (!readPemFile(QStringLiteral("certificate"), d->certificateFile, &pem, errorString))
            return false;
        chain = QSslCertificate::fromData(pem, QSsl::Pem);
        if (chain.isEmpty()) {
            *errorString = QStringLiteral("%1 holds no PEM certificate").arg(d->certificateFile);
            return false;
        }
    }
    QSslKey key = d->privateKey;
    if (key.isNull()) {
        QByteArray pem;
        if (d->privateKeyFile.isEmpty()) {
            *errorString = QStringLiteral("no private key (privateKey or privateKeyFile) is set");
            return false;
        }
        if (!readPemFile(QStringLiteral("private key"), d->privateKeyFile, &pem, errorString))
            return false;
        key = keyFromPem(pem);
        if (key.isNull()) {
            *errorString = QStringLiteral("%1 holds no unencrypted PEM private key")
                                   .arg(d->privateKeyFile);
            return false;
        }
    }
    QList<QSslCertificate> cas = d->caCertificates;
    if (cas.isEmpty() && !d->caFile.isEmpty()) {
        QByteArray pem;
        if (!readPemFile(QStringLiteral("CA"), d->caFile, &pem, errorString))
            return false;
        cas = QSslCertificate::fromData(pem, QSsl::Pem);
        if (cas.isEmpty()) {
            *errorString = QStringLiteral("%1 holds no PEM certificate").arg(d->caFile);
            return false;
        }
    }
    *configuration = QSslConfiguration::defaultConfiguration();
    configuration->setLocalCertificateChain(chain);
    configuration->setPrivateKey(key);
    configuration->setPeerVerifyMode(QSslSocket::VerifyPeer);
    // No TLS session resumption: a resumed session keeps the certificate it was made with, so
    // a rotated (or revoked) device certificate would not take effect.
    configuration->setSslOption(QSsl::SslOptionDisableSessionTickets, true);
    configuration->setSslOption(QSsl::SslOptionDisableSessionSharing, true);
    configuration->setSslOption(QSsl::SslOptionDisableSessionPersistence, true);
    if (!cas.isEmpty())
        configuration->setCaCertificates(cas);
    return true;
}

/*!
    \reimp
*/
void AwsIotCredentialsProvider::startFetch()
{
    if (d->endpoint.isEmpty()) {
        reportError(NotConfiguredError, QStringLiteral("no IoT credentials endpoint is set"));
        return;
    }
    QString problem = configurationProblem();
    QSslConfiguration tls;
    if (problem.isEmpty())
        buildTlsConfiguration(&tls, &problem);
    if (!problem.isEmpty()) {
        reportError(InvalidConfigurationError, QStringLiteral("IoT credentials: ") + problem);
        return;
    }
    if (!d->manager) {
        d->manager = new QNetworkAccessManager(this);
        d->manager->setAutoDeleteReplies(false);
    }
    // Qt reuses a cached connection to the same host with the TLS configuration it was made
    // with: without this a rotated or replaced device certificate would not be used.
    d->manager->clearConnectionCache();
    const QUrl url = credentialsUrl();
    QNetworkRequest request(url);
    request.setSslConfiguration(tls);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("x-amzn-iot-thingname", d->thingName.toUtf8());
    qCDebug(lcCredentials).noquote() << "IoT credentials from" << url.toDisplayString()
                                     << "for thing" << d->thingName;
    QNetworkReply *reply = sendWithTimeout(d->manager, request, "GET", QByteArray(), d->timeoutMs);
    d->reply = reply;
    connect(reply, &QNetworkReply::encrypted, reply,
            [reply] { reply->setProperty(EncryptedProperty, true); });
    connect(reply, &QNetworkReply::finished, this, &AwsIotCredentialsProvider::finishFetch);
}

void AwsIotCredentialsProvider::finishFetch()
{
    QNetworkReply *reply = d->reply;
    if (!reply || reply != sender())
        return;
    d->reply = nullptr;
    QByteArray body;
    const int status = takeReplyAnswer(reply, &body);
    if (status == 200) {
        QString error;
        const AwsCredentials credentials = credentialsFromIotJson(body, &error);
        if (!credentials.isValid()) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("IoT credentials endpoint %1: %2")
                                .arg(d->endpoint.toDisplayString(), error));
            return;
        }
        reportCredentials(credentials);
        return;
    }
    QString message = QStringLiteral("IoT credentials: ") + describeReplyFailure(reply, body);
    if (tlsFailed(reply, status))
        message += QStringLiteral(" (the TLS handshake failed: is the endpoint's certificate "
                                  "trusted, and the device certificate registered and active?)");
    else if (deviceCertificateRefused(reply, status))
        message += QStringLiteral(" (the endpoint closed the connection after the TLS handshake: "
                                  "it refused the device certificate, which is not registered, "
                                  "not active, or issued by a CA it does not know)");
    reportError(errorTypeOf(reply, status), message);
}
