// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3transfer.h"

#include "s3client.h"

#include <QtCore/qfile.h>
#include <QtCore/qsavefile.h>
#include <QtNetwork/qnetworkreply.h>

S3Transfer::S3Transfer(Direction direction, const QString &bucket, const QString &key,
                       const QString &localPath, QObject *parent)
    : QObject(parent), m_direction(direction), m_bucket(bucket), m_key(key), m_localPath(localPath)
{
}

S3Transfer::~S3Transfer()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_target)
        m_target->cancelWriting();
}

bool S3Transfer::openSource(QString *errorString)
{
    m_source = new QFile(m_localPath, this);
    if (!m_source->open(QIODevice::ReadOnly)) {
        if (errorString)
            *errorString = tr("Cannot read %1: %2").arg(m_localPath, m_source->errorString());
        return false;
    }
    m_total = m_source->size();
    return true;
}

bool S3Transfer::openTarget(QString *errorString)
{
    m_target = new QSaveFile(m_localPath, this);
    if (!m_target->open(QIODevice::WriteOnly)) {
        if (errorString)
            *errorString = tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString());
        return false;
    }
    return true;
}

void S3Transfer::attach(QNetworkReply *reply)
{
    m_reply = reply;
    if (m_direction == Upload) {
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            m_done = sent;
            if (total > 0)
                m_total = total;
            emit progress(m_done, m_total);
        });
    } else {
        connect(reply, &QNetworkReply::readyRead, this, &S3Transfer::onReadyRead);
        connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
            m_done = received;
            if (total > 0)
                m_total = total;
            emit progress(m_done, m_total);
        });
    }
    connect(reply, &QNetworkReply::finished, this, &S3Transfer::onFinished);
}

void S3Transfer::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();   // finished() follows, with OperationCanceledError
    else
        fail(S3Error{ 0, QString(), QString(), QString(), true });
}

void S3Transfer::fail(const S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_target)
        m_target->cancelWriting();
    emit finished(m_error);
}

void S3Transfer::onReadyRead()
{
    if (!m_reply || !m_target)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300)
        return; // an error document: read in onFinished()
    const QByteArray chunk = m_reply->readAll();
    if (m_target->write(chunk) != chunk.size()) {
        S3Error e;
        e.message = tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString());
        m_reply->disconnect(this);
        m_reply->abort();
        fail(e);
    }
}

void S3Transfer::onFinished()
{
    if (!m_reply || m_finished)
        return;
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    if (m_cancelled || reply->error() == QNetworkReply::OperationCanceledError) {
        S3Error e;
        e.cancelled = true;
        fail(e);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_direction == Download && status < 300)
        onReadyRead();
    const QByteArray rest = reply->readAll();
    const S3Error e = S3Client::errorFrom(reply, rest);
    if (e.isError()) {
        fail(e);
        return;
    }
    if (m_target && !m_target->commit()) {
        S3Error w;
        w.message = tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString());
        fail(w);
        return;
    }
    if (m_total < 0)
        m_total = m_done;
    m_done = m_total;
    m_finished = true;
    emit progress(m_done, m_total);
    emit finished(m_error);
}
