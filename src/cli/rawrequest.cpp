// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "rawrequest.h"

namespace {

bool setError(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return false;
}

bool isFoldedLine(const QByteArray &line)
{
    return !line.isEmpty() && (line.at(0) == ' ' || line.at(0) == '\t');
}

} // namespace

bool RawRequest::parse(const QByteArray &raw, QString *errorString)
{
    *this = RawRequest();

    const qsizetype firstNewline = raw.indexOf('\n');
    if (firstNewline > 0 && raw.at(firstNewline - 1) == '\r')
        m_eol = "\r\n";

    // Cut the text into lines up to the first empty line; the rest is the body.
    QList<QByteArray> lines;
    qsizetype pos = 0;
    bool sawBlankLine = false;
    while (pos < raw.size()) {
        qsizetype end = raw.indexOf('\n', pos);
        const qsizetype next = end < 0 ? raw.size() : end + 1;
        if (end < 0)
            end = raw.size();
        QByteArray line = raw.mid(pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = next;
        if (line.isEmpty()) {
            if (lines.isEmpty())
                return setError(errorString, QStringLiteral("no request line (the input starts with a blank line)"));
            sawBlankLine = true;
            break;
        }
        lines.append(line);
    }
    if (sawBlankLine)
        m_body = raw.mid(pos);

    if (lines.isEmpty())
        return setError(errorString, QStringLiteral("no request line (the input is empty)"));

    m_requestLine = lines.takeFirst();
    m_methodEnd = m_requestLine.indexOf(' ');
    if (m_methodEnd <= 0 || m_methodEnd + 1 >= m_requestLine.size()
        || m_requestLine.at(m_methodEnd + 1) == ' ') {
        return setError(errorString, QStringLiteral("bad request line: expected 'METHOD TARGET HTTP/1.1'"));
    }
    // The target may contain raw spaces (normalize-path/get-space): it ends at the last
    // " HTTP/", which must be there.
    m_targetEnd = m_requestLine.lastIndexOf(" HTTP/");
    if (m_targetEnd <= m_methodEnd) {
        return setError(errorString, QStringLiteral("bad request line: expected 'METHOD TARGET HTTP/1.1' "
                                                    "(no HTTP version at its end)"));
    }
    if (m_targetEnd == m_methodEnd + 1)
        return setError(errorString, QStringLiteral("bad request line: no request target"));
    // The rest (a method that is a token, a target that is a path) is AwsHttpRequest's.

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const int lineNumber = int(i) + 2;
        if (isFoldedLine(line)) {
            if (m_headers.isEmpty()) {
                return setError(errorString, QStringLiteral("line %1: continuation line without a header before it")
                                                     .arg(lineNumber));
            }
            m_headers.last().lines.append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return setError(errorString, QStringLiteral("line %1: header line without a colon").arg(lineNumber));
        const QByteArray name = line.left(colon).trimmed();
        if (name.isEmpty())
            return setError(errorString, QStringLiteral("line %1: header line without a name").arg(lineNumber));
        m_headers.append(HeaderField{ name, { line } });
    }
    return true;
}

QByteArray RawRequest::method() const
{
    return m_methodEnd < 0 ? QByteArray() : m_requestLine.left(m_methodEnd);
}

QByteArray RawRequest::target() const
{
    if (m_methodEnd < 0)
        return QByteArray();
    return m_requestLine.mid(m_methodEnd + 1, m_targetEnd - m_methodEnd - 1);
}

QByteArray RawRequest::requestLineWithTarget(const QByteArray &newTarget) const
{
    if (m_methodEnd < 0)
        return m_requestLine;
    return m_requestLine.left(m_methodEnd + 1) + newTarget + m_requestLine.mid(m_targetEnd);
}

QByteArray RawRequest::render(const AwsHeaderList &addedHeaders, const QByteArray &newTarget) const
{
    QList<QByteArray> out;
    out.reserve(m_headers.size() + addedHeaders.size() + 1);
    out.append(newTarget.isNull() ? m_requestLine : requestLineWithTarget(newTarget));

    for (const HeaderField &field : m_headers) {
        bool replaced = false;
        for (const auto &added : addedHeaders) {
            if (added.first.compare(field.name, Qt::CaseInsensitive) == 0) {
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out.append(field.lines);
    }
    for (const auto &added : addedHeaders) {
        // The vectors write every header tight ("Name:value") but Authorization with a space.
        const bool isAuthorization = added.first.compare("Authorization", Qt::CaseInsensitive) == 0;
        out.append(added.first + (isAuthorization ? ": " : ":") + added.second);
    }

    QByteArray text = out.join(m_eol);
    if (!m_body.isEmpty())
        text += m_eol + m_eol + m_body;
    return text;
}
