// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_SIGNCOMMAND_H
#define SIGV4_SIGNCOMMAND_H

#include "command.h"

class QCommandLineParser;

// sigv4 sign [FILE|-] --region R --service S [...]
// Reads one raw HTTP/1.1 request, signs it and prints the asked part exactly as the
// official SigV4 test vectors write it (no trailing newline). See docs/design.md section 6.
class SignCommand : public Command
{
public:
    static constexpr const char *name() { return "sign"; }
    static constexpr const char *summary()
    {
        return "sign a raw HTTP request (file or stdin) and print the signed parts";
    }

    int run(const QStringList &arguments) override;

private:
    static void addOptions(QCommandLineParser &parser);
    static QString epilogue();
};

#endif // SIGV4_SIGNCOMMAND_H
