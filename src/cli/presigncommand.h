// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_PRESIGNCOMMAND_H
#define SIGV4_PRESIGNCOMMAND_H

#include "command.h"

class QCommandLineParser;

// sigv4 presign [--expires SECONDS] [--region R] [--service s3] URL
// Prints a presigned URL (signature in the query string) followed by a newline; nothing is
// sent. Exit 0 on success, 2 on bad input.
class PresignCommand : public Command
{
public:
    static constexpr const char *name() { return "presign"; }
    static constexpr const char *summary()
    {
        return "print a presigned URL (signature in the query string)";
    }

    int run(const QStringList &arguments) override;

private:
    static void addOptions(QCommandLineParser &parser);
    static QString epilogue();
};

#endif // SIGV4_PRESIGNCOMMAND_H
