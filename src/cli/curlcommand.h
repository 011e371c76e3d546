// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_CURLCOMMAND_H
#define SIGV4_CURLCOMMAND_H

#include "command.h"

class AwsSigningRule;
class QCommandLineParser;
class QNetworkReply;

// sigv4 curl [-X METHOD] [-H 'Name: value']... [-d DATA | --data-binary @FILE | -T FILE]
//            [--region R] [--service S] [--profile P] [--endpoint-url URL] [-o FILE] [-i] [-v]
//            [--chunked [--checksum crc32|crc32c|sha256] [--chunk-size BYTES]] URL
// Sends one request through AwsNetworkAccessManager (docs/design.md section 6). Exit 0 on success,
// 1 on HTTP >= 400 or a transfer error (the service's message on stderr), 2 on bad input.
class CurlCommand : public Command
{
public:
    static constexpr const char *name() { return "curl"; }
    static constexpr const char *summary()
    {
        return "send a signed request (curl-like) and print the answer";
    }

    int run(const QStringList &arguments) override;

    // The range of -m/--max-time, in seconds: whole milliseconds that fit Qt's int timers.
    static constexpr double MinMaxTimeSeconds = 0.001;
    static constexpr double MaxMaxTimeSeconds = 1000000;
    // The most -d @FILE reads (in memory, to remove its line breaks).
    static constexpr qint64 MaxFormDataSize = 64 * 1024 * 1024;

private:
    static void addOptions(QCommandLineParser &parser);
    static QString epilogue();
    static bool applyChunked(const QCommandLineParser &parser, AwsSigningRule &rule, QString *errorString);
};

#endif // SIGV4_CURLCOMMAND_H
