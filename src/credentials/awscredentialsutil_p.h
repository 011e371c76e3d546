// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCREDENTIALSUTIL_P_H
#define AWSCREDENTIALSUTIL_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include "core/awsinputcheck_p.h"

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awscredentialsprovider.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstring.h>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace QtSigV4Private {

// Bounds on what a credential source may hand us (README, "Credentials"): every read from
// credential_process, the container and instance metadata endpoints, STS and token files
// stops at MaxSourceBytes; config and credentials files at MaxConfigFileBytes; text echoed
// into an error (a process's stderr, an endpoint's body) at MaxEchoedBytes.
constexpr qint64 MaxSourceBytes = 256 * 1024;
constexpr qint64 MaxConfigFileBytes = 1024 * 1024;
constexpr int SourcePipeTimeoutMs = 2000;

QString environmentValue(const char *name);
bool environmentIsTrue(const char *name);

// ISO 8601 / RFC 3339 timestamps as AWS writes them (fractions and offsets allowed).
QDateTime parseTimestamp(const QString &text);

// Reads a small file (tokens, JSON, config files) without ever blocking: a regular file, or a
// pipe or FIFO whose writer must finish within SourcePipeTimeoutMs (one with no writer reads as
// empty); devices, directories and sockets are refused. Fails as soon as there are more than
// maxSize bytes, without reading further.
bool readSmallFile(const QString &path, QByteArray *data, QString *errorString,
                   qint64 maxSize = MaxSourceBytes);

// {"AccessKeyId", "SecretAccessKey", "Token" or "SessionToken", "Expiration"} as ECS, IMDS and
// credential_process write them. Returns null credentials and sets errorString on a problem.
AwsCredentials credentialsFromJson(const QJsonObject &object, QString *errorString);

// Starts a request that is aborted after timeoutMs (whole exchange); see replyTimedOut().
QNetworkReply *sendWithTimeout(QNetworkAccessManager *manager, const QNetworkRequest &request,
                               const QByteArray &verb, const QByteArray &body, int timeoutMs);
// The request is aborted as soon as its answer passes MaxSourceBytes (announced or received).
bool replyTimedOut(const QNetworkReply *reply);
bool replyTooLarge(const QNetworkReply *reply);
// The finished reply's body and HTTP status, and deletes the reply later; an answer cut at the
// size bound counts as no answer (status 0).
int takeReplyAnswer(QNetworkReply *reply, QByteArray *body);
// Stops a request still running when its owner goes: no signal reaches the owner any more.
void abortAndDelete(QNetworkReply *reply, QObject *owner);

// "HTTP 404 from http://...: <body excerpt>" or the network error, never the request headers.
QString describeReplyFailure(QNetworkReply *reply, const QByteArray &body);
AwsCredentialsProvider::Error replyErrorType(QNetworkReply *reply);

// A QNetworkAccessManager that never uses a proxy (for link-local / loopback endpoints).
QNetworkAccessManager *createDirectNetworkAccessManager(QObject *parent);

} // namespace QtSigV4Private

#endif // AWSCREDENTIALSUTIL_P_H
