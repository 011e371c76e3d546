// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3transfer.h"

#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3upload.h>

#include <QtCore/qfileinfo.h>

S3Transfer::S3Transfer(AwsS3Upload *upload, QObject *parent)
    : QObject(parent), m_direction(Upload), m_bucket(upload->bucket()), m_key(upload->key()),
      m_localPath(upload->filePath()), m_upload(upload)
{
    upload->setParent(this);
    m_total = QFileInfo(m_localPath).size();
    connect(upload, &AwsS3Upload::progress, this, &S3Transfer::onProgress);
    connect(upload, &AwsS3Upload::partFinished, this, &S3Transfer::partFinished);
    connect(upload, &AwsS3Upload::finished, this, [this, upload]() {
        if (upload->error() == AwsS3Upload::NoError)
            return finish(S3Error());
        const AwsS3Reply::Error kind = upload->error() == AwsS3Upload::OperationCanceledError
                ? AwsS3Reply::OperationCanceledError
                : upload->error() == AwsS3Upload::RequestError ? upload->requestError()
                                                               : AwsS3Reply::LocalFileError;
        finish(S3Error::fromMessage(kind, upload->errorString()));
    });
}

S3Transfer::S3Transfer(AwsS3Reply *download, const QString &localPath, QObject *parent)
    : QObject(parent), m_direction(Download), m_bucket(download->bucket()), m_key(download->key()),
      m_localPath(localPath), m_download(download)
{
    download->setParent(this);
    connect(download, &AwsS3Reply::downloadProgress, this, &S3Transfer::onProgress);
    connect(download, &AwsS3Reply::finished, this,
            [this, download]() { finish(S3Error::fromReply(download)); });
}

// A job still running when the window closes stops with it (deleted as a child): an upload
// keeps its resume state for the next run, a download leaves the target file as it was.
S3Transfer::~S3Transfer()
{
    if (m_upload)
        m_upload->disconnect(this);
    if (m_download)
        m_download->disconnect(this);
}

bool S3Transfer::isMultipart() const { return m_upload && m_upload->isMultipart(); }
int S3Transfer::partCount() const { return m_upload ? m_upload->partCount() : 0; }
int S3Transfer::resumedPartCount() const { return m_upload ? int(m_upload->resumedParts().size()) : 0; }

void S3Transfer::cancel()
{
    if (m_finished)
        return;
    if (m_upload)
        m_upload->cancel();
    if (m_download)
        m_download->abort();
}

void S3Transfer::onProgress(qint64 done, qint64 total)
{
    m_done = done;
    if (total > 0)
        m_total = total;
    emit progress(m_done, m_total);
}

void S3Transfer::finish(const S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (!error.isError()) {
        if (m_total < 0)
            m_total = m_done;
        m_done = m_total;
        emit progress(m_done, m_total);
    }
    emit finished(m_error);
}
