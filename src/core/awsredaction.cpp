// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awsredaction_p.h"

#include <qtsigv4/awscredentials.h>

#include <QtCore/qlist.h>
#include <QtCore/qregularexpression.h>

namespace {

// A secret this short is no secret, and replacing it would garble every message.
constexpr qsizetype MinSecretLength = 4;

// Credentials recognised by their place, not their value: group 1 is kept, the rest of the
// match becomes "<redacted>". Servers echo what they received (S3's canonical request of a
// SignatureDoesNotMatch answer), so the values may be ones this process never knew.
const QList<QRegularExpression> &credentialPatterns()
{
    static const QList<QRegularExpression> patterns = [] {
        const auto options = QRegularExpression::CaseInsensitiveOption
                | QRegularExpression::MultilineOption;
        QList<QRegularExpression> list;
        for (const char *pattern : {
                     // Session tokens: header lines (canonical or HTTP) to their end, even
                     // when a proxy decoded a "+" into a space (a ";" ends it: never in a
                     // token, and messages join their parts with it); query parameters.
                     R"re((x-amz-security-token\s*:\s*)[^\r\n";]+)re",
                     R"re((x-amz-security-token\s*=\s*)[^\s&"'<>,;]+)re",
                     // The access key id of Authorization's Credential= and of a presigned
                     // X-Amz-Credential=; the scope after it (date, region, service) stays.
                     R"re(((?:^|[^a-z0-9-])(?:x-amz-)?credential\s*=\s*)[^/\s&"'<>,;%]+)re",
                     // Signatures: a signed request or presigned URL can be replayed for a while.
                     R"re(((?:^|[^a-z0-9-])(?:x-amz-)?signature\s*=\s*)[0-9a-f]+)re",
                     // Authorization values that are bearer secrets (the ECS container token).
                     // (Blanks, not \s: a run of line breaks must not be rescanned from each.)
                     R"re(((?:^|")[ \t]*authorization[ \t]*:[ \t]*)(?![ \t]|AWS4-|<redacted>)[^\r\n"]+)re",
                     R"re((x-aws-ec2-metadata-token\s*:\s*)[^\s"]+)re",
                     // The IAM Identity Center bearer token of GetRoleCredentials.
                     R"re((x-amz-sso_bearer_token\s*:\s*)[^\r\n";]+)re",
                     // Shared credentials and config files.
                     R"re(((?:aws_secret_access_key|aws_session_token|aws_security_token)\s*=\s*)[^\s"']+)re",
                     // credential_process, ECS and IMDS JSON; the SSO token cache and the
                     // answers of SSO OIDC and the portal; STS XML.
                     R"re(("(?:SecretAccessKey|SessionToken|Token|AccessToken|RefreshToken|ClientSecret|IdToken)"\s*:\s*")[^"]*)re",
                     R"re((<(?:SecretAccessKey|SessionToken)>)[^<]*)re",
             }) {
            list.append(QRegularExpression(QString::fromLatin1(pattern), options));
        }
        return list;
    }();
    return patterns;
}

} // namespace

namespace QtSigV4Private {

/*!
    \internal
    Returns \a text with every credential replaced by \c{<redacted>}: each of \a secrets, as is
    and percent-encoded (with or without the slashes encoded, in either case), then the
    credentials recognised by where they stand (see awsredaction_p.h).
*/
QString redactCredentials(QString text, const QStringList &secrets)
{
    static const QString redacted = QStringLiteral("<redacted>");
    for (const QString &secret : secrets) {
        if (secret.size() < MinSecretLength)
            continue;
        text.replace(secret, redacted);
        const QByteArray utf8 = secret.toUtf8();
        for (const QByteArray &encoded : { utf8.toPercentEncoding(), utf8.toPercentEncoding("/") }) {
            if (encoded != utf8)
                text.replace(QString::fromLatin1(encoded), redacted, Qt::CaseInsensitive);
        }
    }
    const QString keep = QStringLiteral("\\1") + redacted;
    for (const QRegularExpression &pattern : credentialPatterns())
        text.replace(pattern, keep);
    return text;
}

/*! \internal The same for UTF-8 \a text. */
QByteArray redactCredentials(const QByteArray &text, const QStringList &secrets)
{
    return redactCredentials(QString::fromUtf8(text), secrets).toUtf8();
}

/*! \internal The secret access key and the session token of \a credentials. */
QStringList secretsOf(const AwsCredentials &credentials)
{
    QStringList secrets;
    for (const QString &secret : { credentials.secretAccessKey(), credentials.sessionToken() }) {
        if (!secret.isEmpty())
            secrets.append(secret);
    }
    return secrets;
}

} // namespace QtSigV4Private
