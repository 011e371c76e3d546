// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3COMMAND_H
#define SIGV4_S3COMMAND_H

#include "command.h"

#include <memory>

class AwsS3Reply;
class QCommandLineParser;
class S3Session;
struct S3Uri;

// sigv4 s3 ls|cp|mv|rm|mb|rb|presign: S3 from the command line in the spirit of `aws s3`, on
// the QtSigV4::S3 client. Exit 0 on success, 1 when something failed at run time (each
// failed file is one line on stderr), 2 on bad input, 130 when interrupted (Ctrl-C).
class S3Command : public Command
{
public:
    S3Command();
    ~S3Command() override;

    static constexpr const char *name() { return "s3"; }
    static constexpr const char *summary()
    {
        return "S3 like 'aws s3': ls, cp, mv, rm, mb, rb, presign";
    }

    int run(const QStringList &arguments) override;

private:
    static void addOptions(QCommandLineParser &parser);
    static QString epilogue();
    int dispatch(const QString &action, const QStringList &operands, const QCommandLineParser &parser);
    bool startSession(const QCommandLineParser &parser, QString *errorString);
    // The one s3:// operand of ls/rm/mb/rb/presign; nullopt-like false with the exit code set.
    bool oneUri(const QStringList &operands, bool optional, S3Uri *uri, int *exitCode) const;

    int listBuckets();
    int list(const S3Uri &uri, bool recursive);
    int makeBucket(const S3Uri &uri);
    int removeBucket(const S3Uri &uri, bool force);
    int remove(const S3Uri &uri, bool recursive);
    int presign(const S3Uri &uri, const QCommandLineParser &parser);
    int transfer(const QStringList &operands, const QCommandLineParser &parser, bool move);
    // Deletes every key below uri (all of the bucket for an empty key): DeleteObjects in
    // batches. False when one could not be deleted (each reported).
    bool removeAll(const S3Uri &uri);
    int replyFailed(const QString &what, const AwsS3Reply *reply);
    // Waits for one request (owned): "<verb>: name" on stdout, or "<verb> failed: name: ..." on
    // stderr and exit 1.
    int finishOne(AwsS3Reply *started, const QString &verb, const QString &name);

    std::unique_ptr<S3Session> m_session;
};

#endif // SIGV4_S3COMMAND_H
