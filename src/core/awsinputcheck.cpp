// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awsinputcheck_p.h"

#include <algorithm>
#include <type_traits>

namespace QtSigV4Private {

template <typename Char>
static bool isControl(Char c)
{
    const auto u = static_cast<std::make_unsigned_t<Char>>(c);
    return u < 0x20 || u == 0x7f;
}

qsizetype controlCharacterIndex(QStringView text)
{
    const auto it = std::find_if(text.cbegin(), text.cend(),
                                 [](QChar c) { return isControl(c.unicode()); });
    return it == text.cend() ? -1 : qsizetype(it - text.cbegin());
}

qsizetype controlCharacterIndex(QByteArrayView text)
{
    const auto it = std::find_if(text.cbegin(), text.cend(), [](char c) { return isControl(c); });
    return it == text.cend() ? -1 : qsizetype(it - text.cbegin());
}

static QString controlCharacterMessage(const QString &what, qsizetype index)
{
    return index < 0 ? QString()
                     : QStringLiteral("%1 contains a control character (at offset %2)")
                               .arg(what).arg(index);
}

QString controlCharacterProblem(const QString &what, QStringView value)
{
    return controlCharacterMessage(what, controlCharacterIndex(value));
}

QString controlCharacterProblem(const QString &what, QByteArrayView value)
{
    return controlCharacterMessage(what, controlCharacterIndex(value));
}

bool isHttpToken(QByteArrayView text)
{
    static const QByteArrayView extra("!#$%&'*+-.^_`|~");
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || extra.contains(c);
    });
}

QString headerFieldProblem(QByteArrayView name, QByteArrayView value)
{
    if (!isHttpToken(name)) {
        return QStringLiteral("the header name \"%1\" is not an HTTP token")
                .arg(echoableText(name.first(qMin(name.size(), qsizetype(64)))));
    }
    const auto it = std::find_if(value.cbegin(), value.cend(),
                                 [](char c) { return c != '\t' && isControl(c); });
    if (it == value.cend())
        return QString();
    return controlCharacterMessage(QStringLiteral("the value of header %1").arg(QLatin1StringView(name)),
                                   qsizetype(it - value.cbegin()));
}

QString credentialsProblem(const AwsCredentials &credentials, const QString &keyIdName,
                           const QString &secretName, const QString &tokenName)
{
    QString problem = controlCharacterProblem(keyIdName, credentials.accessKeyId());
    if (problem.isEmpty())
        problem = controlCharacterProblem(secretName, credentials.secretAccessKey());
    if (problem.isEmpty())
        problem = controlCharacterProblem(tokenName, credentials.sessionToken());
    return problem;
}

QString credentialsProblem(const AwsCredentials &credentials)
{
    return credentialsProblem(credentials, QStringLiteral("the access key id"),
                              QStringLiteral("the secret access key"),
                              QStringLiteral("the session token"));
}

QString echoableText(QByteArrayView text, qint64 fullSize)
{
    const QByteArrayView head = text.first(qMin<qsizetype>(text.size(), MaxEchoedBytes));
    QByteArray out;
    out.reserve(head.size());
    for (char c : head) {
        if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
            out += ' ';
        else if (isControl(c))
            out += "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
        else
            out += c;
    }
    QString result = QString::fromUtf8(out).simplified();
    const qint64 cut = qMax<qint64>(fullSize, text.size()) - head.size();
    if (cut > 0)
        result += QStringLiteral(" ... (%1 more bytes)").arg(cut);
    return result;
}

} // namespace QtSigV4Private
