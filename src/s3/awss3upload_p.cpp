// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3upload_p.h"

#include "s3/awss3addressing_p.h"
#include "s3/awss3client_p.h"
#include "s3/awss3reply_p.h"
#include "s3/awss3transfer_p.h"

#include <qtsigv4/awss3client.h>

#include <QtCore/qfileinfo.h>

namespace {

constexpr auto Crc32c = AwsSigningConfig::ChecksumAlgorithm::Crc32c;

} // namespace

void AwsS3UploadPrivate::start()
{
    if (finished)
        return;
    QString problem = AwsS3Addressing::bucketProblem(bucket, false);
    if (problem.isEmpty())
        problem = AwsS3Addressing::keyProblem(key);
    if (problem.isEmpty())
        problem = AwsS3ClientPrivate::checksumProblem(options.checksumAlgorithm());
    if (!client)
        problem = QStringLiteral("the client was destroyed");
    if (!problem.isEmpty())
        return fail(AwsS3Upload::InvalidRequestError, problem);
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(AwsS3Upload::LocalFileError,
                    QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    total = file.size();
    timer.start();
    if (total < options.multipartThreshold())
        return startSingle();
    startMultipart();
}

void AwsS3UploadPrivate::startSingle()
{
    file.close();
    AwsS3Reply *reply = client->putObjectFromFile(bucket, key, path, options.putOptions());
    QObject::connect(reply, &AwsS3Reply::uploadProgress, q, [this](qint64 sent, qint64) {
        inFlightSent[1] = sent;
        updateProgress();
    });
    control(reply, [this](AwsS3Reply *put) {
        inFlightSent.clear();
        done = total;
        eTag = put->object().eTag();
        succeed();
    });
}

void AwsS3UploadPrivate::startMultipart()
{
    multipart = true;
    const qint64 partSize = AwsS3UploadOptions::effectivePartSize(total, options.partSize());
    if (partSize < 0)
        return fail(AwsS3Upload::FileTooLargeError,
                    QStringLiteral("%1 holds %2 bytes; an S3 object holds at most 5 TiB")
                            .arg(path).arg(total));
    QString problem;
    if (!AwsS3UploadState::describe(&file, &state.fileSize, &state.modified, &state.head, &problem))
        return fail(AwsS3Upload::LocalFileError, QStringLiteral("%1: %2").arg(path, problem));
    state.bucket = bucket;
    state.key = key;
    state.partSize = partSize;
    state.crc32c = options.checksumAlgorithm() == Crc32c;
    if (options.isResumable())
        return loadState();
    create();
}

void AwsS3UploadPrivate::loadState()
{
    AwsS3UploadState saved;
    bool exists = false;
    QString problem;
    if (!saved.load(statePath, &exists, &problem))
        return fail(AwsS3Upload::StateFileError, problem);
    if (!exists)
        return create();
    if (saved.bucket != bucket || saved.key != key)
        return fail(AwsS3Upload::StateFileError,
                    QStringLiteral("the state file %1 belongs to an upload to another bucket or key")
                            .arg(statePath));
    const bool changed = saved.fileSize != state.fileSize || saved.modified != state.modified
            || saved.head != state.head;
    if (changed || saved.partSize != state.partSize || saved.crc32c != state.crc32c) {
        if (!options.restartsWhenFileChanged())
            return fail(changed ? AwsS3Upload::FileChangedError : AwsS3Upload::StateFileError,
                        changed ? QStringLiteral("%1 changed since its upload started (state file %2)")
                                          .arg(path, statePath)
                                : QStringLiteral("the state file %1 was written with another part "
                                                 "size or checksum").arg(statePath));
        // The old upload's parts are useless: discard them on the server, start over.
        abortInBackground(saved.uploadId);
        return create();
    }
    state.uploadId = saved.uploadId;
    state.parts = saved.parts;
    control(client->listParts(bucket, key, state.uploadId),
            [this](AwsS3Reply *list) { resumeFrom(list->parts()); },
            [this](AwsS3Reply *list) {
        if (list->error() != AwsS3Reply::NoSuchUploadError)
            return false;
        state.uploadId.clear();   // completed, aborted or expired: a new upload
        create();
        return true;
    });
}

void AwsS3UploadPrivate::resumeFrom(const QList<AwsS3Part> &serverParts)
{
    // A part counts as done only when the server holds it with the ETag we recorded.
    QMap<int, AwsS3Part> kept;
    for (const AwsS3Part &part : serverParts) {
        const auto it = state.parts.constFind(part.partNumber());
        if (it != state.parts.cend() && it->eTag() == part.eTag()
            && (part.size() < 0 || part.size() == partLength(part.partNumber())))
            kept.insert(it.key(), *it);
    }
    state.parts = kept;
    for (const AwsS3Part &part : std::as_const(kept)) {
        resumed.append(part.partNumber());
        done += partLength(part.partNumber());
    }
    resumedBytes = done;
    timer.start();
    if (!saveState())
        return;
    updateProgress();
    pump();
}

void AwsS3UploadPrivate::create()
{
    state.parts.clear();
    state.uploadId.clear();
    control(client->createMultipartUpload(bucket, key, options.putOptions(),
                                          state.crc32c ? Crc32c : AwsSigningConfig::ChecksumAlgorithm::None),
            [this](AwsS3Reply *reply) {
        state.uploadId = reply->uploadId();
        if (canceling)
            return abortServerUpload();   // canceled while it was being created
        if (saveState())
            return pump();
        abortInBackground(state.uploadId);   // not resumable: leave no parts behind
    }, [this](AwsS3Reply *) {
        if (!canceling)
            return false;
        fail(AwsS3Upload::OperationCanceledError, QStringLiteral("Operation canceled"));
        return true;
    });
}

qint64 AwsS3UploadPrivate::partLength(int number) const
{
    return qMin(state.partSize, state.fileSize - partOffset(number));
}

void AwsS3UploadPrivate::pump()
{
    const int count = state.partCount();
    while (!finished && heldParts < options.partsInFlight() && nextPart <= count) {
        const int number = nextPart++;
        if (!state.parts.contains(number) && !sendPart(number))
            return;
    }
    if (!finished && !completing && heldParts == 0 && nextPart > count) {
        completing = true;
        complete();
    }
}

bool AwsS3UploadPrivate::sendPart(int number)
{
    QByteArray data;
    if (!file.seek(partOffset(number)) || (data = file.read(partLength(number))).size() != partLength(number)
        || file.size() != state.fileSize) {
        fail(AwsS3Upload::FileChangedError,
             QStringLiteral("%1 changed or cannot be read while uploading (part %2): %3")
                     .arg(path).arg(number).arg(file.errorString()));
        return false;
    }
    AwsS3Reply *reply = client->uploadPart(bucket, key, state.uploadId, number, data,
                                           state.crc32c ? Crc32c : AwsSigningConfig::ChecksumAlgorithm::None);
    inFlight.insert(number, reply);
    inFlightSent.insert(number, 0);
    ++heldParts;
    QObject::connect(reply, &AwsS3Reply::uploadProgress, q, [this, number](qint64 bytes, qint64) {
        inFlightSent[number] = bytes;
        updateProgress();
    });
    QObject::connect(reply, &AwsS3Reply::finished, q, [this, number, reply] { partDone(number, reply); });
    return true;
}

void AwsS3UploadPrivate::partDone(int number, AwsS3Reply *reply)
{
    // The next part is read once Qt has let go of this one's bytes, so that no more than
    // partsInFlight() parts are ever in memory.
    AwsS3ReplyPrivate::whenReleased(reply, q, [this] {
        --heldParts;
        pump();
    });
    reply->deleteLater();
    inFlight.remove(number);
    inFlightSent.remove(number);
    if (finished || canceling)
        return;
    if (reply->error() != AwsS3Reply::NoError)
        return failRequest(reply, QStringLiteral("part %1").arg(number));
    state.parts.insert(number, reply->parts().value(0));
    done += partLength(number);
    sent.append(number);
    if (!saveState())
        return;
    QPointer<AwsS3Upload> guard(q);
    Q_EMIT q->partFinished(number);
    if (!guard || finished)
        return;
    updateProgress();
}

void AwsS3UploadPrivate::complete()
{
    const QFileInfo info(path);
    if (info.size() != state.fileSize || info.lastModified().toMSecsSinceEpoch() != state.modified)
        return fail(AwsS3Upload::FileChangedError,
                    QStringLiteral("%1 changed while it was uploaded").arg(path));
    control(client->completeMultipartUpload(bucket, key, state.uploadId, state.parts.values()),
            [this](AwsS3Reply *reply) {
        eTag = reply->object().eTag();
        removeState();
        succeed();
    });
}

void AwsS3UploadPrivate::abortServerUpload()
{
    control(client->abortMultipartUpload(bucket, key, state.uploadId), [this](AwsS3Reply *) {
        removeState();
        fail(AwsS3Upload::OperationCanceledError, QStringLiteral("Operation canceled"));
    }, [this](AwsS3Reply *reply) {
        const QString kept = options.isResumable()
                ? QStringLiteral("; the state file %1 keeps its id").arg(statePath) : QString();
        fail(AwsS3Upload::OperationCanceledError,
             QStringLiteral("canceled, but the multipart upload %1 could not be aborted (%2)%3")
                     .arg(state.uploadId, reply->errorString(), kept),
             reply->error());
        return true;
    });
}

void AwsS3UploadPrivate::abortInBackground(const QString &uploadId)
{
    AwsS3Reply *abort = client->abortMultipartUpload(bucket, key, uploadId);
    QObject::connect(abort, &AwsS3Reply::finished, abort, &QObject::deleteLater);
}

bool AwsS3UploadPrivate::saveState()
{
    QString problem;
    if (!options.isResumable() || state.save(statePath, &problem))
        return true;
    fail(AwsS3Upload::LocalFileError,
         problem + QStringLiteral(" (choose another with AwsS3UploadOptions::setStateFilePath())"));
    return false;
}

void AwsS3UploadPrivate::removeState()
{
    if (options.isResumable())
        QFile::remove(statePath);
}

void AwsS3UploadPrivate::control(AwsS3Reply *reply, std::function<void(AwsS3Reply *)> onSuccess,
                                 std::function<bool(AwsS3Reply *)> onError)
{
    controlReply = reply;
    QObject::connect(reply, &AwsS3Reply::finished, q, [this, reply, onSuccess, onError] {
        reply->deleteLater();
        if (controlReply == reply)
            controlReply = nullptr;
        if (finished)
            return;
        if (reply->error() == AwsS3Reply::NoError)
            return onSuccess(reply);
        if (!onError || !onError(reply))
            failRequest(reply, QString());
    });
}

void AwsS3UploadPrivate::stopRequests()
{
    // Deleting a reply aborts its transfer without emitting finished().
    for (const QPointer<AwsS3Reply> &reply : std::as_const(inFlight))
        delete reply.data();
    inFlight.clear();
    inFlightSent.clear();
    delete controlReply.data();
}

void AwsS3UploadPrivate::succeed()
{
    finished = true;
    file.close();
    updateProgress();
    Q_EMIT q->finished();
}

void AwsS3UploadPrivate::fail(AwsS3Upload::Error e, const QString &message, AwsS3Reply::Error request)
{
    if (finished)
        return;
    stopRequests();
    finished = true;
    error = e;
    errorString = message;
    requestError = request;
    file.close();
    // finished() is never emitted before uploadFile() returned (start() is queued).
    Q_EMIT q->finished();
}

void AwsS3UploadPrivate::failRequest(AwsS3Reply *reply, const QString &what)
{
    fail(AwsS3Upload::RequestError, AwsS3Transfer::requestFailure(reply, what), reply->error());
}

void AwsS3UploadPrivate::updateProgress()
{
    Q_EMIT q->progress(q->bytesSent(), total);
}
