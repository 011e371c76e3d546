// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3uri.h"

bool S3Uri::parse(const QString &text, S3Uri *uri, QString *errorString)
{
    if (!text.startsWith(QLatin1StringView("s3://"))) {
        *errorString = QStringLiteral("bad S3 URL '%1': expected s3://bucket[/key]").arg(printable(text));
        return false;
    }
    const QString rest = text.mid(5);
    const qsizetype slash = rest.indexOf(u'/');
    uri->bucket = slash < 0 ? rest : rest.left(slash);
    uri->key = slash < 0 ? QString() : rest.mid(slash + 1);
    if (uri->bucket.isEmpty()) {
        *errorString = QStringLiteral("bad S3 URL '%1': no bucket name (expected s3://bucket[/key])")
                               .arg(printable(text));
        return false;
    }
    return true;
}

QString S3Uri::toString() const
{
    return QStringLiteral("s3://") + bucket + u'/' + key;
}

QString S3Uri::folderPrefix() const
{
    return key.isEmpty() || key.endsWith(u'/') ? key : key + u'/';
}

QString S3Uri::printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}
