// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSINPUTCHECK_P_H
#define AWSINPUTCHECK_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/qtsigv4global.h>

#include <QtCore/qbytearrayview.h>
#include <QtCore/qstring.h>

namespace QtSigV4Private {

// Text from outside that is echoed into an error message stops at this many bytes.
constexpr qsizetype MaxEchoedBytes = 1024;

// The one check for text that becomes (part of) a header: the index of its first control
// character (below U+0020, or U+007F), or -1.
qsizetype controlCharacterIndex(QStringView text);
qsizetype controlCharacterIndex(QByteArrayView text);
// "<what> contains a control character (at offset N)", or an empty string; never the value.
QString controlCharacterProblem(const QString &what, QStringView value);
QString controlCharacterProblem(const QString &what, QByteArrayView value);
// An HTTP token (RFC 9110 5.6.2), as methods and header names must be.
bool isHttpToken(QByteArrayView text);
// Why "name: value" cannot be a header (a name that is not a token, a value with a control
// character other than HTAB), or an empty string. Qt 6.7 and later drop such a header in
// QNetworkRequest::setRawHeader() with only a log line, so callers check before setting it
// (the sigv4 tool).
QTSIGV4_EXPORT QString headerFieldProblem(QByteArrayView name, QByteArrayView value);
// The first field of credentials that cannot be sent, named as the source names its fields
// (keyIdName, secretName, tokenName); an empty string when all can.
QString credentialsProblem(const AwsCredentials &credentials, const QString &keyIdName,
                                          const QString &secretName, const QString &tokenName);
// The same, naming them "the access key id", "the secret access key", "the session token".
QString credentialsProblem(const AwsCredentials &credentials);

// Text from outside for an error message: at most MaxEchoedBytes of it, line breaks and tabs
// as spaces, other control characters escaped (\xHH), "... (N more bytes)" when cut. text may
// be the head of something longer, fullSize bytes in all.
QString echoableText(QByteArrayView text, qint64 fullSize = -1);

} // namespace QtSigV4Private

#endif // AWSINPUTCHECK_P_H
