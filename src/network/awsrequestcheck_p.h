// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSREQUESTCHECK_P_H
#define AWSREQUESTCHECK_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

namespace QtSigV4Private {

// The HTTP method of op; customVerb for a CustomOperation.
QByteArray methodFor(QNetworkAccessManager::Operation op, const QByteArray &customVerb);

// Why method and request cannot go on the wire as they are, or an empty string. Qt writes the
// verb and raw headers verbatim: a verb that is not an HTTP token, or a header line with CR, LF
// or NUL, would split the request (RFC 9110 5.5, 9.1).
QString requestLineError(const QByteArray &method, const QNetworkRequest &request);

} // namespace QtSigV4Private

#endif // AWSREQUESTCHECK_P_H
