// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "credentials/awsssotokencache_p.h"

#include "core/awsutc_p.h"

#include "credentials/awscredentialsutil_p.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qsavefile.h>

namespace QtSigV4Private {

namespace {

// Early AWS CLI v2 releases wrote "2019-11-14T04:05:45UTC"; botocore's dateutil reads it.
QDateTime parseCacheTimestamp(QString text)
{
    text = text.trimmed();
    if (text.endsWith(u"UTC"))
        text = text.chopped(3) + u'Z';
    return parseTimestamp(text);
}

// As botocore writes them ("%Y-%m-%dT%H:%M:%SZ").
QString formatCacheTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

QJsonObject parseObject(const QByteArray &json, QString *errorString)
{
    errorString->clear();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *errorString = parseError.error != QJsonParseError::NoError
                ? QStringLiteral("not JSON (%1 at offset %2)")
                          .arg(parseError.errorString())
                          .arg(parseError.offset)
                : QStringLiteral("not a JSON object");
        return QJsonObject();
    }
    return document.object();
}

// A string field that goes into a request: present, and without control characters.
QString requiredString(const QJsonObject &object, const char *name, QString *errorString)
{
    const QJsonValue value = object.value(QLatin1String(name));
    const QString text = value.toString().trimmed();
    if (!value.isString() || text.isEmpty()) {
        *errorString = QStringLiteral("it has no %1").arg(QLatin1String(name));
        return QString();
    }
    *errorString = controlCharacterProblem(QLatin1String(name), text);
    return errorString->isEmpty() ? text : QString();
}

} // namespace

QString SsoToken::field(const char *name) const
{
    return document.value(QLatin1String(name)).toString().trimmed();
}

QString SsoToken::refreshProblem(const QDateTime &now) const
{
    QStringList missing;
    for (const char *name : { "refreshToken", "clientId", "clientSecret", "registrationExpiresAt" }) {
        if (field(name).isEmpty())
            missing.append(QLatin1String(name));
    }
    if (!missing.isEmpty())
        return QStringLiteral("the cache has no %1").arg(missing.join(QStringLiteral(", ")));
    const QDateTime registrationExpiresAt = parseCacheTimestamp(field("registrationExpiresAt"));
    if (!registrationExpiresAt.isValid()) {
        return QStringLiteral("its registrationExpiresAt \"%1\" is not an ISO 8601 timestamp")
                .arg(echoableText(field("registrationExpiresAt").toUtf8()));
    }
    if (registrationExpiresAt <= now) {
        return QStringLiteral("the client registration expired at %1")
                .arg(registrationExpiresAt.toString(Qt::ISODate));
    }
    for (const char *name : { "refreshToken", "clientId", "clientSecret" }) {
        if (const QString problem = controlCharacterProblem(QLatin1String(name), field(name));
            !problem.isEmpty())
            return problem;
    }
    return QString();
}

QStringList SsoToken::secrets() const
{
    QStringList list;
    for (const QString &secret : { accessToken, field("accessToken"), field("refreshToken"),
                                   field("clientSecret") }) {
        if (!secret.isEmpty() && !list.contains(secret))
            list.append(secret);
    }
    return list;
}

QString ssoTokenCacheKey(const QString &sessionNameOrStartUrl)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(sessionNameOrStartUrl.toUtf8(), QCryptographicHash::Sha1)
                    .toHex());
}

QString defaultSsoCacheDirectory()
{
    return QDir::homePath() + QStringLiteral("/.aws/sso/cache");
}

SsoTokenLoad loadSsoToken(const QString &path, SsoToken *token, QString *errorString)
{
    *token = SsoToken();
    if (!QFileInfo::exists(path)) {
        *errorString = QStringLiteral("%1 does not exist").arg(QDir::toNativeSeparators(path));
        return SsoTokenLoad::Missing;
    }
    QByteArray data;
    QString problem;
    if (!readSmallFile(path, &data, &problem)) {
        *errorString = problem;
        return SsoTokenLoad::Malformed;
    }
    const QJsonObject document = parseObject(data, &problem);
    QString accessToken;
    if (problem.isEmpty())
        accessToken = requiredString(document, "accessToken", &problem);
    QString expiresAt;
    if (problem.isEmpty())
        expiresAt = requiredString(document, "expiresAt", &problem);
    const QDateTime expiration = parseCacheTimestamp(expiresAt);
    if (problem.isEmpty() && !expiration.isValid()) {
        problem = QStringLiteral("its expiresAt \"%1\" is not an ISO 8601 timestamp")
                          .arg(echoableText(expiresAt.toUtf8()));
    }
    if (!problem.isEmpty()) {
        *errorString = QStringLiteral("%1 is not a usable token cache: %2")
                               .arg(QDir::toNativeSeparators(path), problem);
        return SsoTokenLoad::Malformed;
    }
    token->document = document;
    token->accessToken = accessToken;
    token->expiresAt = expiration;
    return SsoTokenLoad::Loaded;
}

QByteArray ssoRefreshRequestBody(const SsoToken &token)
{
    const QJsonObject body{
        { QStringLiteral("grantType"), QStringLiteral("refresh_token") },
        { QStringLiteral("clientId"), token.field("clientId") },
        { QStringLiteral("clientSecret"), token.field("clientSecret") },
        { QStringLiteral("refreshToken"), token.field("refreshToken") },
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

SsoToken refreshedSsoToken(const SsoToken &token, const QByteArray &answer, const QDateTime &now,
                           const QString &startUrl, const QString &region, QString *errorString)
{
    const QJsonObject object = parseObject(answer, errorString);
    QString accessToken;
    if (errorString->isEmpty())
        accessToken = requiredString(object, "accessToken", errorString);
    if (!errorString->isEmpty())
        return SsoToken();
    const double expiresIn = object.value(QLatin1String("expiresIn")).toDouble(-1);
    // At most a year: a token that "never" expires is a broken answer, not a gift.
    if (!(expiresIn > 0 && expiresIn <= 366 * 86400)) {
        *errorString = QStringLiteral("its expiresIn is not a number of seconds up to a year");
        return SsoToken();
    }
    const QJsonValue newRefreshToken = object.value(QLatin1String("refreshToken"));
    if (newRefreshToken.isString()) {
        if (const QString problem = controlCharacterProblem(QStringLiteral("refreshToken"),
                                                            newRefreshToken.toString());
            !problem.isEmpty()) {
            *errorString = problem;
            return SsoToken();
        }
    }

    SsoToken refreshed = token;
    refreshed.accessToken = accessToken;
    refreshed.expiresAt = now.addSecs(qint64(expiresIn));
    refreshed.document.insert(QStringLiteral("accessToken"), accessToken);
    refreshed.document.insert(QStringLiteral("expiresAt"), formatCacheTimestamp(refreshed.expiresAt));
    if (newRefreshToken.isString() && !newRefreshToken.toString().trimmed().isEmpty())
        refreshed.document.insert(QStringLiteral("refreshToken"), newRefreshToken.toString().trimmed());
    if (!startUrl.isEmpty())
        refreshed.document.insert(QStringLiteral("startUrl"), startUrl);
    if (!region.isEmpty())
        refreshed.document.insert(QStringLiteral("region"), region);
    return refreshed;
}

bool saveSsoToken(const QString &path, const SsoToken &token, QString *errorString)
{
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        *errorString = QStringLiteral("cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    // Owner-only before the first byte of a token is written (the AWS CLI's own mode).
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(token.document).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *errorString = QStringLiteral("cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

AwsCredentials ssoRoleCredentials(const QByteArray &answer, QString *errorString)
{
    const QJsonObject object = parseObject(answer, errorString)
                                       .value(QLatin1String("roleCredentials"))
                                       .toObject();
    if (errorString->isEmpty() && object.isEmpty())
        *errorString = QStringLiteral("it has no roleCredentials object");
    QStringList fields;
    for (const char *name : { "accessKeyId", "secretAccessKey", "sessionToken" }) {
        if (!errorString->isEmpty())
            return AwsCredentials();
        const QString value = object.value(QLatin1String(name)).toString().trimmed();
        if (value.isEmpty())
            *errorString = QStringLiteral("its roleCredentials have no %1").arg(QLatin1String(name));
        fields.append(value);
    }
    const QJsonValue expiration = object.value(QLatin1String("expiration"));
    const double milliseconds = expiration.toDouble(-1);
    if (errorString->isEmpty() && (!expiration.isDouble() || milliseconds <= 0 || milliseconds > 253402300799000.0))
        *errorString = QStringLiteral("its roleCredentials have no expiration in epoch milliseconds");
    if (!errorString->isEmpty())
        return AwsCredentials();
    const AwsCredentials credentials(fields.at(0), fields.at(1), fields.at(2),
                                     QtSigV4Private::utcEpoch().addMSecs(qint64(milliseconds)));
    *errorString = credentialsProblem(credentials, QStringLiteral("accessKeyId"),
                                      QStringLiteral("secretAccessKey"),
                                      QStringLiteral("sessionToken"));
    return errorString->isEmpty() ? credentials : AwsCredentials();
}

QString ssoErrorSummary(const QByteArray &errorTypeHeader, const QByteArray &body)
{
    QString ignored;
    const QJsonObject object = parseObject(body, &ignored);
    auto first = [&object](std::initializer_list<const char *> names) {
        for (const char *name : names) {
            const QString value = object.value(QLatin1String(name)).toString().trimmed();
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };
    // "ForbiddenException:http://internal.amazon.com/coral/..." and "aws.protocols#Foo".
    const qsizetype colon = errorTypeHeader.indexOf(':');
    QString type = QString::fromLatin1(colon < 0 ? errorTypeHeader : errorTypeHeader.left(colon));
    if (type.isEmpty())
        type = first({ "__type", "code", "error" });
    type = type.mid(type.lastIndexOf(u'#') + 1);
    const QString message = first({ "message", "Message", "error_description" });
    const QString summary = type.isEmpty() || message.isEmpty() ? type + message
                                                                 : type + QStringLiteral(": ") + message;
    return echoableText(summary.toUtf8());
}

} // namespace QtSigV4Private
