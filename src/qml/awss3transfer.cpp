// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awss3transfer.h"

#include "awsqmls3client.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3upload.h>

#include <QtQml/qqmlinfo.h>

AwsS3Transfer::AwsS3Transfer(QObject *parent) : QObject(parent) { }

// A running job stops with the element (its resume state is kept); nothing is emitted.
AwsS3Transfer::~AwsS3Transfer()
{
    delete m_upload;
    delete m_download;
}

void AwsS3Transfer::setSigning(AwsSigning *signing)
{
    if (m_signing == signing)
        return;
    m_signing = signing;
    emit signingChanged();
}

void AwsS3Transfer::setText(QString *member, const QString &value, void (AwsS3Transfer::*changed)())
{
    if (*member == value)
        return;
    *member = value;
    Q_EMIT (this->*changed)();
}

void AwsS3Transfer::setBucket(const QString &bucket) { setText(&m_bucket, bucket, &AwsS3Transfer::bucketChanged); }
void AwsS3Transfer::setKey(const QString &key) { setText(&m_key, key, &AwsS3Transfer::keyChanged); }

void AwsS3Transfer::setLocalFile(const QUrl &file)
{
    if (m_localFile == file)
        return;
    m_localFile = file;
    emit localFileChanged();
}

// A file: URL or a plain path (QML turns a string into a URL relative to the document).
QString AwsS3Transfer::localPath() const
{
    return m_localFile.isLocalFile() ? m_localFile.toLocalFile()
           : m_localFile.scheme().isEmpty() ? m_localFile.path() : QString();
}

double AwsS3Transfer::progress() const
{
    const qint64 total = bytesTotal();
    return total > 0 ? double(bytesTransferred()) / double(total) : m_status == Finished ? 1.0 : 0.0;
}

qint64 AwsS3Transfer::bytesTransferred() const
{
    return m_upload ? m_upload->bytesSent() : m_download ? m_download->bytesReceived() : 0;
}

qint64 AwsS3Transfer::bytesTotal() const
{
    return m_upload ? m_upload->bytesTotal() : m_download ? m_download->bytesTotal() : 0;
}

double AwsS3Transfer::bytesPerSecond() const
{
    return m_upload ? m_upload->bytesPerSecond() : m_download ? m_download->bytesPerSecond() : 0;
}

qint64 AwsS3Transfer::secondsRemaining() const
{
    return m_upload ? m_upload->secondsRemaining() : m_download ? m_download->secondsRemaining() : -1;
}

int AwsS3Transfer::partCount() const
{
    return m_upload ? m_upload->partCount() : m_download ? m_download->partCount() : 0;
}

int AwsS3Transfer::resumedPartCount() const
{
    return int(m_upload ? m_upload->resumedParts().size()
                        : m_download ? m_download->resumedParts().size() : 0);
}

bool AwsS3Transfer::upload() { return begin(Upload); }
bool AwsS3Transfer::download() { return begin(Download); }

bool AwsS3Transfer::begin(Direction direction)
{
    if (m_status == Running) {
        qmlWarning(this) << "a transfer is already running";
        return false;
    }
    const QString path = localPath();
    QString problem;
    if (!m_signing)
        problem = QStringLiteral("no signing element");
    else if (m_bucket.isEmpty() || m_key.isEmpty())
        problem = QStringLiteral("bucket and key are required");
    else if (path.isEmpty())
        problem = QStringLiteral("localFile must be a local file (file: URL or path), not %1")
                          .arg(m_localFile.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    delete m_upload;
    delete m_download;
    m_direction = direction;
    if (!problem.isEmpty()) {
        setStatus(Error, problem);
        emit finished();
        return false;
    }
    // A client per transfer: the signing element's settings as they are now.
    m_client = AwsQmlS3::createClient(m_signing);
    if (direction == Upload) {
        AwsS3Upload *job = m_client->uploadFile(m_bucket, m_key, path);
        m_upload = job;
        connect(job, &AwsS3Upload::progress, this, &AwsS3Transfer::progressChanged);
        connect(job, &AwsS3Upload::partFinished, this, &AwsS3Transfer::partFinished);
        connect(job, &AwsS3Upload::finished, this, [this, job] {
            onFinished(job->error() == AwsS3Upload::NoError,
                       job->error() == AwsS3Upload::OperationCanceledError, job->errorString());
        });
    } else {
        AwsS3Download *job = m_client->downloadFile(m_bucket, m_key, path);
        m_download = job;
        connect(job, &AwsS3Download::progress, this, &AwsS3Transfer::progressChanged);
        connect(job, &AwsS3Download::partFinished, this, &AwsS3Transfer::partFinished);
        connect(job, &AwsS3Download::finished, this, [this, job] {
            onFinished(job->error() == AwsS3Download::NoError,
                       job->error() == AwsS3Download::OperationCanceledError, job->errorString());
        });
    }
    setStatus(Running);
    emit progressChanged();
    return true;
}

void AwsS3Transfer::stop()
{
    if (m_status != Running)
        return;
    if (m_download)
        return m_download->stop();    // finished() follows, state kept
    delete m_upload;                  // a deleted upload keeps its state file
    setStatus(Canceled, QStringLiteral("stopped: start the same upload again to resume"));
    emit finished();
}

void AwsS3Transfer::cancel()
{
    if (m_status != Running)
        return;
    if (m_upload)
        m_upload->cancel();
    else if (m_download)
        m_download->cancel();
}

void AwsS3Transfer::onFinished(bool ok, bool canceled, const QString &errorString)
{
    emit progressChanged();
    setStatus(ok ? Finished : canceled ? Canceled : Error, ok ? QString() : errorString);
    emit finished();
}

void AwsS3Transfer::setStatus(Status status, const QString &errorString)
{
    if (m_status == status && m_errorString == errorString)
        return;
    m_status = status;
    m_errorString = errorString;
    emit statusChanged();
}
