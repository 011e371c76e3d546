// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3download_p.h"

#include "s3/awss3addressing_p.h"
#include "s3/awss3client_p.h"
#include "s3/awss3transfer_p.h"

#include <qtsigv4/awss3client.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qregularexpression.h>

#include <algorithm>

namespace {

constexpr auto OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

void AwsS3DownloadPrivate::start()
{
    if (finished)
        return;
    QString problem = AwsS3Addressing::bucketProblem(bucket, false);
    if (problem.isEmpty())
        problem = AwsS3Addressing::keyProblem(key);
    if (problem.isEmpty() && path.isEmpty())
        problem = QStringLiteral("no file name");
    if (!client)
        problem = QStringLiteral("the client was destroyed");
    if (!problem.isEmpty())
        return fail(AwsS3Download::InvalidRequestError, problem);
    problem = targetProblem();
    if (!problem.isEmpty())
        return fail(AwsS3Download::LocalFileError, problem);
    if (!lock())
        return;
    if (options.isResumable()) {
        if (!saved.load(statePath, &hasSaved, &problem))
            return fail(AwsS3Download::StateFileError, problem);
        if (hasSaved && (saved.bucket != bucket || saved.key != key))
            return fail(AwsS3Download::StateFileError,
                        QStringLiteral("the state file %1 belongs to a download of another bucket or key")
                                .arg(statePath));
    }
    // Everything local is checked before the first request.
    if (!openTemporary())
        return;
    headReply = client->headObject(bucket, key);
    QObject::connect(headReply, &AwsS3Reply::finished, q, [this, reply = headReply.data()] {
        reply->deleteLater();
        headReply = nullptr;
        if (!finished)
            onHead(reply);
    });
}

QString AwsS3DownloadPrivate::targetProblem() const
{
    const QFileInfo target(path);
    if (target.isDir())
        return QStringLiteral("%1 is a directory").arg(path);
    if (target.exists() && !target.isFile())
        return QStringLiteral("%1 is not a regular file").arg(path);
    if (target.exists() && !target.isWritable())
        return QStringLiteral("%1 is not writable").arg(path);
    return QString();
}

bool AwsS3DownloadPrivate::lock()
{
    // A lock left by a process that died is stale and taken over at once.
    lockFile = std::make_unique<QLockFile>(temporaryPath + QStringLiteral(".lock"));
    if (lockFile->tryLock(0))
        return true;
    const QString why = lockFile->error() == QLockFile::LockFailedError
            ? QStringLiteral("another download to %1 is running").arg(path)
            : QStringLiteral("cannot write the lock file %1").arg(temporaryPath + QStringLiteral(".lock"));
    lockFile.reset();
    fail(AwsS3Download::LocalFileError, why);
    return false;
}

bool AwsS3DownloadPrivate::openTemporary()
{
    const QFileInfo info(temporaryPath);
    // Never through a link or into a device: the parts are written at their offsets.
    if (info.isSymLink() || (info.exists() && !info.isFile())) {
        fail(AwsS3Download::LocalFileError,
             QStringLiteral("the temporary file %1 is not a regular file").arg(temporaryPath));
        return false;
    }
    QFile file(temporaryPath);
    if (!file.open(QIODevice::ReadWrite, OwnerOnly) || !file.setPermissions(OwnerOnly)) {
        fail(AwsS3Download::LocalFileError,
             QStringLiteral("cannot write %1: %2").arg(temporaryPath, file.errorString()));
        return false;
    }
    temporaryOpened = true;
    return true;
}

void AwsS3DownloadPrivate::onHead(AwsS3Reply *reply)
{
    if (reply->error() != AwsS3Reply::NoError)
        return failRequest(reply, QString());   // an earlier run's partial file is kept
    headDone = true;
    const AwsS3Object object = reply->object();
    const qint64 size = object.size();
    if (size > AwsS3DownloadOptions::MaximumObjectSize)
        return fail(AwsS3Download::ObjectTooLargeError,
                    QStringLiteral("the server says the object holds %1 bytes; an S3 object holds "
                                   "at most 5 TiB").arg(size), AwsS3Reply::InvalidResponseError);
    if (size < 0)
        return fail(AwsS3Download::RequestError,
                    QStringLiteral("HeadObject answered without a valid Content-Length"),
                    AwsS3Reply::InvalidResponseError);
    if (!AwsS3Addressing::isETag(object.eTag()))
        return fail(AwsS3Download::RequestError,
                    QStringLiteral("HeadObject answered without a valid ETag"),
                    AwsS3Reply::InvalidResponseError);
    eTag = object.eTag();
    opaqueETag = AwsS3ClientPrivate::hasOpaqueETag(reply);
    begin(size);
}

void AwsS3DownloadPrivate::begin(qint64 size)
{
    total = size;
    multipart = size >= options.multipartThreshold();
    const QString reason = hasSaved ? savedProblem() : QString();
    if (hasSaved && reason.isEmpty()) {
        takeSaved();
    } else {
        if (hasSaved) {
            QFile::remove(statePath);
            if (!restart(reason))
                return;
        }
        state = AwsS3DownloadState();
        state.bucket = bucket;
        state.key = key;
        state.eTag = eTag;
        state.size = size;
        state.partSize = AwsS3DownloadOptions::effectivePartSize(size, options.partSize());
        QFile file(temporaryPath);
        if (!file.resize(0) || (multipart && !file.resize(size)))
            return fail(AwsS3Download::LocalFileError,
                        QStringLiteral("cannot write %1: %2").arg(temporaryPath, file.errorString()));
    }
    timer.start();
    if (multipart && !saveState())
        return;
    updateProgress();
    pump();
}

// Why the saved state cannot be resumed; empty when it is of this very object, downloaded
// in parts, and its partial file is whole.
QString AwsS3DownloadPrivate::savedProblem() const
{
    if (saved.eTag != eTag || saved.size != total)
        return QStringLiteral("the object changed since the download started (ETag \"%1\", "
                              "%2 bytes; it was \"%3\", %4 bytes)")
                .arg(eTag).arg(total).arg(saved.eTag).arg(saved.size);
    if (!multipart)
        return QStringLiteral("the object is now below the multipart threshold");
    if (QFileInfo(temporaryPath).size() != total)
        return QStringLiteral("the partial file %1 is missing or has another size").arg(temporaryPath);
    return QString();
}

void AwsS3DownloadPrivate::takeSaved()
{
    state = saved;
    resumed = QList<int>(state.parts.cbegin(), state.parts.cend());
    std::sort(resumed.begin(), resumed.end());
    for (int number : std::as_const(resumed))
        done += state.partLength(number);
    resumedBytes = done;
}

// False when the job was deleted or ended by a slot.
bool AwsS3DownloadPrivate::restart(const QString &reason)
{
    restarted = true;
    restartReason = reason;
    QPointer<AwsS3Download> guard(q);
    Q_EMIT q->restarted(reason);
    return guard && !finished;
}

void AwsS3DownloadPrivate::pump()
{
    while (!finished && int(inFlight.size()) < options.partsInFlight() && nextPart <= count()) {
        const int number = nextPart++;
        if (!state.parts.contains(number) && !fetch(number))
            return;
    }
    if (!finished && inFlight.empty() && nextPart > count())
        complete();
}

bool AwsS3DownloadPrivate::fetch(int number)
{
    if (!client) {
        fail(AwsS3Download::InvalidRequestError, QStringLiteral("the client was destroyed"));
        return false;
    }
    Part part;
    part.file = std::make_unique<QFile>(temporaryPath);
    const qint64 offset = multipart ? state.partOffset(number) : 0;
    if (!part.file->open(QIODevice::ReadWrite) || !part.file->seek(offset)) {
        fail(AwsS3Download::LocalFileError,
             QStringLiteral("cannot write %1: %2").arg(temporaryPath, part.file->errorString()));
        return false;
    }
    AwsS3Reply *reply = client->d->getObjectPart(bucket, key, part.file.get(), offset,
                                                 multipart ? length(number) : -1, total, eTag);
    part.reply = reply;
    inFlight.emplace(number, std::move(part));
    QObject::connect(reply, &AwsS3Reply::downloadProgress, q, [this] { updateProgress(); });
    QObject::connect(reply, &AwsS3Reply::finished, q, [this, number] { partDone(number); });
    return true;
}

void AwsS3DownloadPrivate::partDone(int number)
{
    const auto it = inFlight.find(number);
    if (it == inFlight.end())
        return;
    Part part = std::move(it->second);
    inFlight.erase(it);
    part.reply->deleteLater();
    if (finished)
        return;
    if (part.reply->error() == AwsS3Reply::PreconditionFailedError)
        return fail(AwsS3Download::ObjectChangedError,
                    QStringLiteral("the object changed while it was downloaded (%1)")
                            .arg(part.reply->errorString()),
                    AwsS3Reply::PreconditionFailedError, DiscardFiles);
    if (part.reply->error() != AwsS3Reply::NoError)
        return failRequest(part.reply, multipart ? QStringLiteral("part %1").arg(number) : QString());
    // On the disk before it is recorded as finished.
    if (!part.file->flush() || !AwsS3Transfer::syncFile(part.file->handle()))
        return fail(AwsS3Download::LocalFileError,
                    QStringLiteral("cannot write %1: %2").arg(temporaryPath, part.file->errorString()));
    part.file->close();
    done += length(number);
    if (multipart) {
        state.parts.insert(number);
        fetched.append(number);
        if (!saveState())
            return;
        QPointer<AwsS3Download> guard(q);
        Q_EMIT q->partFinished(number);
        if (!guard || finished)
            return;
    }
    updateProgress();
    pump();
}

void AwsS3DownloadPrivate::complete()
{
    const qint64 size = QFileInfo(temporaryPath).size();
    if (size != total)
        return fail(AwsS3Download::ChecksumMismatchError,
                    QStringLiteral("the downloaded file holds %1 bytes, not the object's %2")
                            .arg(size).arg(total), AwsS3Reply::NoError, DiscardFiles);
    QString problem;
    if (!checkMd5(&problem))
        return fail(AwsS3Download::ChecksumMismatchError, problem, AwsS3Reply::NoError, DiscardFiles);
    // A file that is replaced keeps its permissions; a new one is its owner's only.
    const QFileInfo target(path);
    if (target.exists())
        QFile::setPermissions(temporaryPath, target.permissions());
    if (!AwsS3Transfer::replaceFile(temporaryPath, path, &problem))
        return fail(AwsS3Download::LocalFileError, problem);
    if (options.isResumable())
        QFile::remove(statePath);
    succeed();
}

// The ETag of an object stored with one PutObject (no '-'), unencrypted or SSE-S3, is the
// MD5 of its bytes; others (multipart, SSE-KMS, SSE-C) say nothing about them.
bool AwsS3DownloadPrivate::checkMd5(QString *problem) const
{
    static const QRegularExpression md5(QStringLiteral("^[0-9a-fA-F]{32}$"));
    if (multipart || opaqueETag || !md5.match(eTag).hasMatch())
        return true;
    QFile file(temporaryPath);
    QCryptographicHash hash(QCryptographicHash::Md5);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        *problem = QStringLiteral("cannot read %1: %2").arg(temporaryPath, file.errorString());
        return false;
    }
    const QString actual = QString::fromLatin1(hash.result().toHex());
    if (actual.compare(eTag, Qt::CaseInsensitive) == 0)
        return true;
    *problem = QStringLiteral("the downloaded bytes have the MD5 %1, not the object's ETag %2")
                       .arg(actual, eTag);
    return false;
}

bool AwsS3DownloadPrivate::saveState()
{
    QString problem;
    if (!options.isResumable() || state.save(statePath, &problem))
        return true;
    fail(AwsS3Download::LocalFileError,
         problem + QStringLiteral(" (choose another with AwsS3DownloadOptions::setStateFilePath())"));
    return false;
}

void AwsS3DownloadPrivate::removeFiles()
{
    QFile::remove(temporaryPath);
    if (options.isResumable())
        QFile::remove(statePath);
}

void AwsS3DownloadPrivate::stopRequests()
{
    // Deleting a reply aborts its transfer without emitting finished().
    for (auto &entry : inFlight)
        delete entry.second.reply.data();
    inFlight.clear();
    delete headReply.data();
}

// A resumable download in parts keeps its partial file and state; before the object is
// known, so does the material of an earlier run.
bool AwsS3DownloadPrivate::keepsFilesForResume() const
{
    return options.isResumable() && (headDone ? multipart : hasSaved);
}

// Stops without a word: the destructor.
void AwsS3DownloadPrivate::abandon()
{
    stopRequests();
    if (temporaryOpened && !keepsFilesForResume())
        removeFiles();
    lockFile.reset();
    finished = true;
}

void AwsS3DownloadPrivate::succeed()
{
    finished = true;
    lockFile.reset();
    updateProgress();
    Q_EMIT q->finished();
}

void AwsS3DownloadPrivate::fail(AwsS3Download::Error e, const QString &message,
                                AwsS3Reply::Error request, Files files)
{
    if (finished)
        return;
    stopRequests();
    // Only the job that holds the lock may remove what another one could be writing.
    if ((files == DiscardFiles && lockFile) || (temporaryOpened && !keepsFilesForResume()))
        removeFiles();
    lockFile.reset();
    finished = true;
    error = e;
    errorString = message;
    requestError = request;
    // finished() is never emitted before downloadFile() returned (start() is queued).
    Q_EMIT q->finished();
}

void AwsS3DownloadPrivate::failRequest(AwsS3Reply *reply, const QString &what)
{
    fail(AwsS3Download::RequestError, AwsS3Transfer::requestFailure(reply, what), reply->error());
}

void AwsS3DownloadPrivate::updateProgress()
{
    Q_EMIT q->progress(q->bytesReceived(), total);
}
