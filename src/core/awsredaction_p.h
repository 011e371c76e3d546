// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSREDACTION_P_H
#define AWSREDACTION_P_H

// Internal: the one redaction of credentials in text meant for people (log lines, warnings,
// diagnostics, error strings), used by the library and the sigv4 tool alike.

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

class AwsCredentials;

namespace QtSigV4Private {

// Replaces every credential in text by "<redacted>": each of secrets (as is and
// percent-encoded), and wherever they appear, whoever wrote them, the values of session-token
// headers and query parameters, the access key id of Credential= and X-Amz-Credential=,
// signatures, non-AWS Authorization values, the IMDSv2 token header, the IAM Identity Center
// bearer token header (x-amz-sso_bearer_token), and the secret fields of credentials files,
// JSON and XML credential documents (SSO token caches and OIDC answers included).
QTSIGV4_EXPORT QString redactCredentials(QString text, const QStringList &secrets = QStringList());
QTSIGV4_EXPORT QByteArray redactCredentials(const QByteArray &text,
                                            const QStringList &secrets = QStringList());

// The secret parts of credentials (the secret access key, the session token): the secrets
// argument of redactCredentials().
QStringList secretsOf(const AwsCredentials &credentials);

} // namespace QtSigV4Private

#endif // AWSREDACTION_P_H
