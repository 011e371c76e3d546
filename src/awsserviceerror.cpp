// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awsserviceerror_p.h"

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

/*!
    Explains a \c SignatureDoesNotMatch answer in plain words: compares the canonical request
    and string to sign that the server computed (S3 sends them) with \a ours and names the
    first differing line, then lists the usual causes. Never contains a secret.
*/
QString AwsServiceError::diagnoseSignatureMismatch(const AwsServiceError &error,
                                                   const AwsSigningResult &ours)
{
    QString out;
    auto firstDifference = [](const QByteArray &theirs, const QByteArray &mine, const char *what) {
        const QList<QByteArray> a = theirs.split('\n');
        const QList<QByteArray> b = mine.split('\n');
        for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
            const QByteArray l = i < a.size() ? a.at(i) : QByteArray("<missing>");
            const QByteArray r = i < b.size() ? b.at(i) : QByteArray("<missing>");
            if (l != r) {
                return QStringLiteral("%1 differs at line %2: server has \"%3\", we signed \"%4\"")
                        .arg(QLatin1String(what))
                        .arg(i + 1)
                        .arg(QString::fromUtf8(l), QString::fromUtf8(r));
            }
        }
        return QString();
    };

    QString hint;
    if (!error.canonicalRequest.isEmpty()) {
        const QString diff = firstDifference(error.canonicalRequest, ours.canonicalRequest(),
                                             "the canonical request");
        if (!diff.isEmpty()) {
            out = diff;
            const QByteArray line = diff.toUtf8();
            if (line.contains("content-type"))
                hint = QStringLiteral("the Content-Type sent is not the one signed (set it on the "
                                      "request before sending)");
            else if (line.contains("line 1:"))
                hint = QStringLiteral("the HTTP method was changed after signing");
            else if (line.contains("line 2:"))
                hint = QStringLiteral("the path was changed after signing (encoding or dot "
                                      "segments)");
            else if (line.contains("line 3:"))
                hint = QStringLiteral("the query string was changed after signing");
            else
                hint = QStringLiteral("a signed header was changed or added after signing (a "
                                      "proxy, or the HTTP stack)");
        } else if (!error.stringToSign.isEmpty()) {
            const QString stsDiff = firstDifference(error.stringToSign, ours.stringToSign(),
                                                    "the string to sign");
            if (!stsDiff.isEmpty()) {
                out = stsDiff;
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
