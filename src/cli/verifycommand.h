// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_VERIFYCOMMAND_H
#define SIGV4_VERIFYCOMMAND_H

#include "command.h"

class QCommandLineParser;

// sigv4 verify [FILE|-] [--region R] [--service S] [--time T] [--max-skew SECONDS]
// Reads one signed raw HTTP/1.1 request (Authorization header or presigned query),
// checks its signature with the given credentials and prints the verdict.
// Exit 0 when valid, 1 when the signature is rejected, 2 on bad input.
class VerifyCommand : public Command
{
public:
    static constexpr const char *name() { return "verify"; }
    static constexpr const char *summary()
    {
        return "check the signature of a signed raw HTTP request (file or stdin)";
    }

    int run(const QStringList &arguments) override;
};

#endif // SIGV4_VERIFYCOMMAND_H
