// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// sigv4: command-line client of the qtsigv4 library. See docs/design.md section 6.

#include "command.h"
#include "curlcommand.h"
#include "presigncommand.h"
#include "presignpostcommand.h"
#ifdef SIGV4_WITH_S3
#include "s3command.h"
#endif
#include "signcommand.h"
#include "verifycommand.h"

#include <QtCore/qcoreapplication.h>

#include <iterator>
#include <memory>

namespace {

template <typename T>
std::unique_ptr<Command> makeCommand()
{
    return std::make_unique<T>();
}

struct Subcommand {
    const char *name;
    const char *summary;
    std::unique_ptr<Command> (*create)();
};

// The dispatch table. Later subcommands (curl, presign, verify) add one row each.
const Subcommand subcommands[] = {
    { SignCommand::name(), SignCommand::summary(), &makeCommand<SignCommand> },
    { CurlCommand::name(), CurlCommand::summary(), &makeCommand<CurlCommand> },
    { PresignCommand::name(), PresignCommand::summary(), &makeCommand<PresignCommand> },
    { PresignPostCommand::name(), PresignPostCommand::summary(), &makeCommand<PresignPostCommand> },
    { VerifyCommand::name(), VerifyCommand::summary(), &makeCommand<VerifyCommand> },
#ifdef SIGV4_WITH_S3
    { S3Command::name(), S3Command::summary(), &makeCommand<S3Command> },
#endif
};

// Commands this build was configured without: named in the help and in the error.
#ifndef SIGV4_WITH_S3
constexpr const char *missingS3 = "not in this build (configured with QTSIGV4_BUILD_S3=OFF)";
#endif

const Subcommand *findSubcommand(const QString &name)
{
    for (const Subcommand &subcommand : subcommands) {
        if (name == QLatin1StringView(subcommand.name))
            return &subcommand;
    }
    return nullptr;
}

QByteArray usage()
{
    QByteArray text = "Usage: sigv4 <command> [options]\n"
                      "       sigv4 <command> --help\n\n"
                      "AWS Signature Version 4 from the command line (qtsigv4 " QTSIGV4_VERSION ").\n\n"
                      "Commands:\n";
    for (const Subcommand &subcommand : subcommands)
        text += "  " + QByteArray(subcommand.name).leftJustified(14) + subcommand.summary + '\n';
#ifndef SIGV4_WITH_S3
    text += "  " + QByteArray("s3").leftJustified(14) + missingS3 + '\n';
#endif
    text += "\nExit status: 0 on success, 2 on bad input (one line on stderr).\n";
    return text;
}

// Only used for the messages of the dispatcher itself.
class Dispatcher : public Command
{
public:
    int run(const QStringList &arguments) override
    {
        if (arguments.size() < 2)
            return fail(QStringLiteral("missing command; try 'sigv4 --help'"));
        QString name = arguments.at(1);
        QStringList rest = arguments.mid(2);
        if (name == u"--help" || name == u"-h" || name == u"help") {
            if (rest.isEmpty()) {
                writeStdout(usage());
                return ExitSuccess;
            }
            name = rest.takeFirst();  // "sigv4 help sign" is "sigv4 sign --help"
            rest = { QStringLiteral("--help") };
        }
        if (name == u"--version" || name == u"-v") {
            writeStdout("sigv4 " QTSIGV4_VERSION "\n");
            return ExitSuccess;
        }
        const Subcommand *subcommand = findSubcommand(name);
#ifndef SIGV4_WITH_S3
        if (!subcommand && name == u"s3")
            return fail(QStringLiteral("the s3 command is ") + QLatin1StringView(missingS3));
#endif
        if (!subcommand)
            return fail(QStringLiteral("unknown command '%1'; try 'sigv4 --help'").arg(name));
        rest.prepend(QStringLiteral("sigv4 ") + QLatin1StringView(subcommand->name));
        return subcommand->create()->run(rest);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sigv4"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QTSIGV4_VERSION));
    Dispatcher dispatcher;
    return dispatcher.run(QCoreApplication::arguments());
}
