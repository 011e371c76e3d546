// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3SESSION_H
#define SIGV4_S3SESSION_H

#include "s3progress.h"

#include <qtsigv4/awscredentials.h>

#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

#include <functional>
#include <memory>

class AwsS3Client;
class AwsS3Reply;
class AwsStaticCredentialsProvider;
class QEventLoop;
class QObject;
class QSocketNotifier;

// What one run of sigv4 s3 shares: the client (signed with the command's credentials, sent to
// its endpoint), the progress line, the per-file lines on stdout, the error lines on stderr,
// and Ctrl-C. SIGINT or SIGTERM ends the wait in progress (wait() returns false,
// isInterrupted() is true) so that the command can stop cleanly: uploads keep their resume
// state, downloads remove their temporary file. A second Ctrl-C kills at once.
class S3Session
{
public:
    using ErrorSink = std::function<void(const QString &)>;

    S3Session(const AwsCredentials &credentials, const QUrl &endpoint, const QString &region,
              ErrorSink errorSink);
    ~S3Session();
    S3Session(const S3Session &) = delete;
    S3Session &operator=(const S3Session &) = delete;

    AwsS3Client *client() const { return m_client.get(); }
    S3Progress &progress() { return m_progress; }
    void setQuiet(bool quiet) { m_quiet = quiet; }

    // Runs the event loop until job (an AwsS3Reply, AwsS3Upload, AwsPresignReply) emits
    // finished(). False when interrupted first.
    template <typename Job>
    bool wait(Job *job);
    bool isInterrupted() const { return m_interrupted; }

    // One line on stdout (unless quiet), below the progress line.
    void report(const QString &line);
    // One line on stderr (always).
    void error(const QString &line);
    // "<what>: <the reply's error>", with a hint for a wrong secret.
    static QString replyError(const AwsS3Reply *reply);
    // An error text made printable, with a hint when the server refused the signature.
    static QString withHint(const QString &text);

private:
    bool runLoop(QObject *job, const std::function<void(QEventLoop *)> &connect, bool finished);
    void installInterruptHandler();

    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsS3Client> m_client;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QEventLoop *m_loop = nullptr;
    ErrorSink m_errorSink;
    S3Progress m_progress;
    bool m_quiet = false;
    bool m_interrupted = false;
};

#include <QtCore/qeventloop.h>

template <typename Job>
bool S3Session::wait(Job *job)
{
    return runLoop(job, [job](QEventLoop *loop) {
        QObject::connect(job, &Job::finished, loop, &QEventLoop::quit);
    }, job->isFinished());
}

#endif // SIGV4_S3SESSION_H
