// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_PRESIGNPOSTCOMMAND_H
#define SIGV4_PRESIGNPOSTCOMMAND_H

#include "command.h"

class AwsPostPolicy;
class QCommandLineParser;

// sigv4 presign-post [--region R] [--key KEY | --key-prefix P] [--expires SECONDS]
//                    [--content-length-range MIN,MAX] [--field NAME=VALUE]...
//                    [--starts-with NAME=PREFIX]... [--endpoint-url URL] [--html] BUCKET
// Prints the URL and form fields of a browser-based S3 upload (an AwsPostPolicy) as JSON,
// or, with --html, an HTML page with the form; nothing is sent. Exit 0, or 2 on bad input.
class PresignPostCommand : public Command
{
public:
    static constexpr const char *name() { return "presign-post"; }
    static constexpr const char *summary()
    {
        return "print the signed form of a browser-based S3 POST upload";
    }

    int run(const QStringList &arguments) override;

private:
    static void addOptions(QCommandLineParser &parser);
    static QString epilogue();
    static bool applyConditions(const QCommandLineParser &parser, AwsPostPolicy &policy,
                                QString *errorString);
    static QByteArray json(const QUrl &url, const AwsHeaderList &fields);
};

#endif // SIGV4_PRESIGNPOSTCOMMAND_H
