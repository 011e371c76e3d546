// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsserviceerror_p.h"

#include "core/awsinputcheck_p.h"
#include "core/awsredaction_p.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssigningresult.h>

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qxmlstream.h>

/*!
    \class AwsServiceError
    \internal
    \brief The code and message of an AWS error response.

    Understands the REST-XML form of S3 (\c{<Error><Code>..</Code><Message>..</Message>}),
    the query protocol of STS, SQS, IAM (\c{<ErrorResponse><Error>...}), and the JSON
    protocols (\c{{"__type": "ns#Code", "message": ".."}}, with the code possibly only in the
    \c x-amzn-ErrorType header). S3's \c SignatureDoesNotMatch body also carries the server's
    canonical request and string to sign, which diagnoseSignatureMismatch() compares with ours.
*/

namespace {

QString stripNamespace(QString code)
{
    // "com.amazon.coral.service#UnrecognizedClientException", "Code:http://..."
    const qsizetype hash = code.lastIndexOf(u'#');
    if (hash >= 0)
        code = code.mid(hash + 1);
    const qsizetype colon = code.indexOf(u':');
    if (colon >= 0)
        code = code.left(colon);
    return code.trimmed();
}

} // namespace

/*!
    Parses the error in \a body; \a errorTypeHeader is the \c x-amzn-ErrorType response
    header, used when the body does not name the code. Returns a null error when nothing
    was found.
*/
AwsServiceError AwsServiceError::parse(const QByteArray &body, const QByteArray &errorTypeHeader)
{
    AwsServiceError error;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{')) {
        const QJsonObject object = QJsonDocument::fromJson(trimmed).object();
        QString type = object.value(QLatin1String("__type")).toString();
        if (type.isEmpty())
            type = object.value(QLatin1String("code")).toString();
        if (type.isEmpty())
            type = object.value(QLatin1String("Code")).toString();
        error.code = stripNamespace(type);
        error.message = object.value(QLatin1String("message")).toString();
        if (error.message.isEmpty())
            error.message = object.value(QLatin1String("Message")).toString();
    } else if (trimmed.startsWith('<')) {
        QXmlStreamReader xml(trimmed);
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QStringView name = xml.name();
            auto text = [&xml] {
                return xml.readElementText(QXmlStreamReader::IncludeChildElements);
            };
            if (name == u"Code" && error.code.isEmpty())
                error.code = text().trimmed();
            else if (name == u"Message" && error.message.isEmpty())
                error.message = text().trimmed();
            else if (name == u"CanonicalRequest")
                error.canonicalRequest = text().toUtf8();
            else if (name == u"StringToSign")
                error.stringToSign = text().toUtf8();
            else if (name == u"ServerTime")
                error.serverTime = AwsDate::parse(text().trimmed().toLatin1());
        }
    }
    if (error.code.isEmpty() && !errorTypeHeader.isEmpty())
        error.code = stripNamespace(QString::fromLatin1(errorTypeHeader));
    // What a server says reaches errorString(), logs and terminals: bounded, control characters escaped.
    error.code = QtSigV4Private::echoableText(error.code.toUtf8());
    error.message = QtSigV4Private::echoableText(error.message.toUtf8());
    return error;
}

/*! True for the errors that say the request time is too far from the server's. */
bool AwsServiceError::isClockSkewError() const
{
    return code == u"RequestTimeTooSkewed" || code == u"RequestExpired"
            || message.contains(u"Signature expired") || message.contains(u"Signature not yet current");
}

/*! True for the errors that say the signature is wrong. */
bool AwsServiceError::isSignatureError() const
{
    return code == u"SignatureDoesNotMatch" || code == u"InvalidSignatureException"
            || code == u"AuthFailure" || code == u"IncompleteSignature";
}

/*! "Code: Message", or whichever of the two is known. */
QString AwsServiceError::summary() const
{
    if (code.isEmpty())
        return message;
    if (message.isEmpty())
        return code;
    return code + QStringLiteral(": ") + message;
}

namespace {

struct LineDifference
{
    qsizetype line = -1; // 0-based; -1 when the texts agree
    QByteArray theirs;
    QByteArray ours;
};

LineDifference firstDifference(const QByteArray &theirs, const QByteArray &ours)
{
    const QList<QByteArray> a = theirs.split('\n');
    const QList<QByteArray> b = ours.split('\n');
    for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
        const QByteArray l = i < a.size() ? a.at(i) : QByteArray("<missing>");
        const QByteArray r = i < b.size() ? b.at(i) : QByteArray("<missing>");
        if (l != r)
            return { i, l, r };
    }
    return {};
}

// The two lines as people may see them: credentials redacted (a session-token line differs
// only in the token), and saying so when the lines differ in nothing else.
QString describe(const LineDifference &d, const char *what, const QStringList &secrets)
{
    auto shown = [&secrets](const QByteArray &line) {
        return QtSigV4Private::echoableText(
                QtSigV4Private::redactCredentials(QString::fromUtf8(line), secrets).toUtf8());
    };
    const QString theirs = shown(d.theirs);
    const QString ours = shown(d.ours);
    QString text = QStringLiteral("%1 differs at line %2: server has \"%3\", we signed \"%4\"")
                           .arg(QLatin1String(what))
                           .arg(d.line + 1)
                           .arg(theirs, ours);
    if (theirs == ours) {
        text += QStringLiteral(" (credentials, not shown: %1 and %2 bytes)")
                        .arg(d.theirs.size())
                        .arg(d.ours.size());
    }
    return text;
}

QString canonicalRequestHint(const LineDifference &d)
{
    auto names = [&d](const char *header) {
        for (const QByteArray *line : { &d.theirs, &d.ours }) {
            if (line->left(line->indexOf(':')).toLower() == header)
                return true;
        }
        return false;
    };
    if (names("content-type"))
        return QStringLiteral("the Content-Type sent is not the one signed (set it on the request "
                              "before sending)");
    if (names("x-amz-security-token"))
        return QStringLiteral("the session token sent is not the one signed (a proxy or the HTTP "
                              "stack changed or re-encoded it)");
    switch (d.line) {
    case 0: return QStringLiteral("the HTTP method was changed after signing");
    case 1: return QStringLiteral("the path was changed after signing (encoding or dot segments)");
    case 2: return QStringLiteral("the query string was changed after signing");
    default: break;
    }
    return QStringLiteral("a signed header was changed or added after signing (a proxy, or the "
                          "HTTP stack)");
}

} // namespace

/*!
    Explains a \c SignatureDoesNotMatch answer in plain words: compares the canonical request
    and string to sign that the server computed (S3 sends them) with \a ours and names the
    first differing line, then lists the usual causes. Never contains a credential: \a secrets
    (those of the credentials signed with) and every credential the lines carry (session
    tokens, access key ids, signatures) are redacted.
*/
QString AwsServiceError::diagnoseSignatureMismatch(const AwsServiceError &error,
                                                   const AwsSigningResult &ours,
                                                   const QStringList &secrets)
{
    QString out;
    QString hint;
    if (!error.canonicalRequest.isEmpty()) {
        const LineDifference request = firstDifference(error.canonicalRequest, ours.canonicalRequest());
        if (request.line >= 0) {
            out = describe(request, "the canonical request", secrets);
            hint = canonicalRequestHint(request);
        } else if (!error.stringToSign.isEmpty()) {
            const LineDifference sts = firstDifference(error.stringToSign, ours.stringToSign());
            if (sts.line >= 0) {
                out = describe(sts, "the string to sign", secrets);
                hint = QStringLiteral("wrong region, service or request date (clock skew) in "
                                      "the credential scope");
            } else {
                out = QStringLiteral("the server computed the same canonical request and "
                                     "string to sign");
                hint = QStringLiteral("the secret access key does not belong to the access key "
                                      "id");
            }
        }
    }
    if (hint.isEmpty())
        hint = QStringLiteral("the usual causes are a wrong secret access key, a wrong region "
                              "or service (scope %1), clock skew, a header changed after "
                              "signing, or a Content-Type set after signing")
                       .arg(QString::fromLatin1(ours.credentialScope()));
    if (!out.isEmpty())
        out += QStringLiteral("; ");
    return out + QStringLiteral("likely cause: ") + hint;
}
