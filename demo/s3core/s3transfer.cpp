// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3transfer.h"

#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3upload.h>

#include <QtCore/qfileinfo.h>

// The library's job errors as the demo shows them: a failed request keeps its kind (for the
// hint), a local problem is a LocalFileError.
static S3Error transferError(bool canceled, bool requestFailed, AwsS3Reply::Error request,
                             const QString &message)
{
    const AwsS3Reply::Error kind = canceled ? AwsS3Reply::OperationCanceledError
            : requestFailed ? request : AwsS3Reply::LocalFileError;
    return S3Error::fromMessage(kind, message);
}

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
        finish(transferError(upload->error() == AwsS3Upload::OperationCanceledError,
                             upload->error() == AwsS3Upload::RequestError, upload->requestError(),
                             upload->errorString()));
    });
}

S3Transfer::S3Transfer(AwsS3Download *download, QObject *parent)
    : QObject(parent), m_direction(Download), m_bucket(download->bucket()), m_key(download->key()),
      m_localPath(download->filePath()), m_download(download)
{
    download->setParent(this);
    connect(download, &AwsS3Download::progress, this, &S3Transfer::onProgress);
    connect(download, &AwsS3Download::partFinished, this, &S3Transfer::partFinished);
    connect(download, &AwsS3Download::finished, this, [this, download]() {
        if (download->error() == AwsS3Download::NoError)
            return finish(S3Error());
        finish(transferError(download->error() == AwsS3Download::OperationCanceledError,
                             download->error() == AwsS3Download::RequestError,
                             download->requestError(), download->errorString()));
    });
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

bool S3Transfer::isMultipart() const
{
    return m_upload ? m_upload->isMultipart() : m_download && m_download->isMultipart();
}

int S3Transfer::partCount() const
{
    return m_upload ? m_upload->partCount() : m_download ? m_download->partCount() : 0;
}

int S3Transfer::resumedPartCount() const
{
    return int(m_upload ? m_upload->resumedParts().size()
                        : m_download ? m_download->resumedParts().size() : 0);
}

void S3Transfer::cancel()
{
    if (m_finished)
        return;
    if (m_upload)
        m_upload->cancel();
    if (m_download)
        m_download->cancel();
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
