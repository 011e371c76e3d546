// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSSOTOKENCACHE_P_H
#define AWSSSOTOKENCACHE_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include "core/qtsigv4global_p.h"

#include <qtsigv4/awscredentials.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

namespace QtSigV4Private {

// botocore refreshes an SSO token this long before it expires (SSOTokenProvider._REFRESH_WINDOW).
constexpr qint64 SsoTokenRefreshWindowSeconds = 15 * 60;

// One cached IAM Identity Center token, ~/.aws/sso/cache/<sha1>.json as `aws sso login` and
// botocore write it. The whole document is kept so that a write-back keeps the fields we do not
// know.
struct QTSIGV4_AUTOTEST_EXPORT SsoToken
{
    QJsonObject document;
    QString accessToken;
    QDateTime expiresAt;

    bool isNull() const { return accessToken.isEmpty(); }
    QString field(const char *name) const;
    // Empty when the refresh-token grant can be used at now; else why not, in words.
    QString refreshProblem(const QDateTime &now) const;
    // The token, refresh token and client secret: never to be shown.
    QStringList secrets() const;
};

// The file name's stem: the lower-case hex SHA-1 of the session name (sso_session profiles) or
// of the start URL (legacy profiles).
QTSIGV4_AUTOTEST_EXPORT QString ssoTokenCacheKey(const QString &sessionNameOrStartUrl);
QString defaultSsoCacheDirectory();

enum class SsoTokenLoad { Loaded, Missing, Malformed };
// Reads and checks a cache file (bounded like every credential file). Missing: the file does
// not exist; Malformed: anything else that makes it unusable, with the reason in errorString.
QTSIGV4_AUTOTEST_EXPORT SsoTokenLoad loadSsoToken(const QString &path, SsoToken *token,
                                                  QString *errorString);

// The JSON body of the SSO OIDC CreateToken refresh-token grant.
QByteArray ssoRefreshRequestBody(const SsoToken &token);
// token updated by a CreateToken answer received at now (startUrl and region recorded as
// botocore does); a null token and errorString when the answer cannot be used.
SsoToken refreshedSsoToken(const SsoToken &token, const QByteArray &answer, const QDateTime &now,
                           const QString &startUrl, const QString &region, QString *errorString);
// Replaces the cache file atomically (a temporary file renamed over it), owner-only (0600).
bool saveSsoToken(const QString &path, const SsoToken &token, QString *errorString);

// The roleCredentials of a GetRoleCredentials answer (expiration in epoch milliseconds).
AwsCredentials ssoRoleCredentials(const QByteArray &answer, QString *errorString);
// "ForbiddenException: No access" from an AWS JSON error answer (x-amzn-ErrorType header,
// __type/code/error and message/error_description fields), echoable; empty when it has none.
QString ssoErrorSummary(const QByteArray &errorTypeHeader, const QByteArray &body);

} // namespace QtSigV4Private

#endif // AWSSSOTOKENCACHE_P_H
