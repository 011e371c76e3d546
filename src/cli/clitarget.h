// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_CLITARGET_H
#define SIGV4_CLITARGET_H

#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

class QCommandLineParser;

// Where a request goes and what it is signed for, settled as the AWS CLI settles them:
//   service:  --service, else from the AWS host name, else the command's default
//   endpoint: --endpoint-url, else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the
//             endpoint_url of the service in the profile's [services NAME] section, the
//             profile's endpoint_url (none of those with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
//             or the profile's ignore_configured_endpoint_urls); a configured endpoint
//             applies to a path or an AWS URL, never to a URL of another host
//   region:   --region, else from the AWS host name, else AWS_REGION, AWS_DEFAULT_REGION,
//             the profile's region
//   profile:  --profile, else AWS_PROFILE, else "default"
struct CliTarget
{
    QUrl url;        // where the request is sent
    QUrl awsUrl;     // the URL it stands for (the AWS host the service and region come from)
    QString service;
    QString region;

    // False with *errorString set (one line) when the URL, the endpoint, the service or the
    // region cannot be settled.
    bool resolve(const QString &urlText, const QCommandLineParser &parser,
                 const QString &defaultService, QString *errorString);
    // For a client that builds its own URLs (sigv4 s3): url is the endpoint (--endpoint-url,
    // else the configured one; empty: AWS), region --region else the configured one (may be
    // empty: the client's default). False with *errorString set for a bad endpoint.
    bool resolveService(const QCommandLineParser &parser, const QString &service,
                        QString *errorString);

private:
    bool endpointFrom(const QCommandLineParser &parser, bool configured, QUrl *endpoint,
                      QString *source, QString *errorString) const;
};

#endif // SIGV4_CLITARGET_H
