// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSOUTGOINGREQUEST_P_H
#define AWSOUTGOINGREQUEST_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningresult.h>

#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

// The send step: the QNetworkRequest handed to QNetworkAccessManager for one attempt, signed
// (the caller's request, cleaned, then the signature applied) or, after a cross-origin
// redirect, stripped of everything that carries credentials. No I/O, no state.
class AwsOutgoingRequest
{
public:
    // The URL as signed: no user info or fragment, no explicit default port.
    static QUrl signableUrl(QUrl url);

    // The caller's request for signing: the signature and date the caller left in removed,
    // the body headers dropped when !sendBody, the Content-Type Qt would add to a POST added
    // now (before signing), signedHost (when set) as Host.
    static QNetworkRequest prepared(const QNetworkRequest &original,
                                    QNetworkAccessManager::Operation op, const QByteArray &method,
                                    const QByteArray &signedHost, bool sendBody);

    // The request model the signer signs: method, url (from signableUrl()) and the headers of
    // prepared; its path without dot segments when the config normalises paths.
    static AwsHttpRequest httpRequest(const QNetworkRequest &prepared, const QByteArray &method,
                                      const QUrl &url, const AwsSigningConfig &config);

    // Applies result (headers or the presigned target) to request and sets the URL to send:
    // exactly the signed target. Returns that URL.
    static QUrl applySignature(QNetworkRequest *request, const AwsHttpRequest &http,
                               const AwsSigningResult &result, const QUrl &url,
                               const AwsSigningConfig &config, const QStringList &secrets);

    // Whether the body's SHA-256 goes into the signature: not for UNSIGNED-PAYLOAD, a hash the
    // caller set, an aws-chunked body, or a presigned S3 URL that does not sign the body.
    static bool needsPayloadHash(const AwsSigningConfig &config, const QNetworkRequest &request);

    // The caller's request after a cross-origin redirect to url: no Authorization, Host or
    // X-Amz-* header.
    static QNetworkRequest unsignedRequest(const QNetworkRequest &original,
                                           QNetworkAccessManager::Operation op, const QUrl &url,
                                           bool sendBody);

private:
    static void dropBodyHeaders(QNetworkRequest *request);
    static void keepControl(QNetworkRequest *request);
};

#endif // AWSOUTGOINGREQUEST_P_H
