// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3transfer.h"

#include "command.h"
#include "s3localfiles.h"
#include "s3session.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3upload.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qstandardpaths.h>

#include <memory>

namespace {

// A key named by a destination that is a folder ("s3://b/", "s3://b/dir/") or a file.
QString keyFor(const S3Uri &destination, const QString &name)
{
    return destination.key.isEmpty() || destination.key.endsWith(u'/') ? destination.key + name
                                                                       : destination.key;
}

} // namespace

S3Transfer::S3Transfer(S3Session *session, const Options &options)
    : m_session(session), m_options(options)
{
}

int S3Transfer::run(const QString &source, const QString &destination)
{
    const bool fromS3 = S3Uri::isS3(source);
    const bool toS3 = S3Uri::isS3(destination);
    S3Uri s3Source, s3Destination;
    QString error;
    if (!fromS3 && !toS3)
        error = QStringLiteral("one of SOURCE and DESTINATION must be an s3:// URL");
    const bool parsed = (!fromS3 || S3Uri::parse(source, &s3Source, &error))
            && (!toS3 || S3Uri::parse(destination, &s3Destination, &error));
    if (!parsed || !error.isEmpty()) {
        m_session->error(error);
        return Command::ExitBadInput;
    }
    m_kind = !fromS3 ? Upload : !toS3 ? Download : Copy;
    if (m_kind == Upload)
        planUpload(source, s3Destination);
    else if (m_kind == Download)
        planDownload(s3Source, destination);
    else
        planCopy(s3Source, s3Destination);
    if (m_badInput)
        return Command::ExitBadInput;

    qint64 total = 0;
    for (const Item &item : std::as_const(m_items))
        total += item.size;
    m_session->progress().start(total, int(m_items.size()));
    for (const Item &item : std::as_const(m_items)) {
        if (m_session->isInterrupted() || !execute(item)) {
            if (m_session->isInterrupted())
                break;
            ++m_failures;
        }
    }
    if (m_session->isInterrupted()) {
        m_session->error(QStringLiteral("interrupted; run the same command again to go on (uploads "
                                        "resume from the parts already stored)"));
        return 130;
    }
    if (m_failures > 0)
        m_session->error(QStringLiteral("%1 failure(s), each reported above").arg(m_failures));
    return m_failures > 0 ? Command::ExitFailure : Command::ExitSuccess;
}

void S3Transfer::problem(const QString &message)
{
    m_session->error(message);
    ++m_failures;
}

bool S3Transfer::planUpload(const QString &source, const S3Uri &destination)
{
    const QFileInfo info(source);
    const QString shown = S3Uri::printable(source);
    if (!info.exists()) {
        m_session->error(QStringLiteral("%1 does not exist").arg(shown));
    } else if (m_options.recursive) {
        if (!info.isDir()) {
            m_session->error(QStringLiteral("%1 is not a folder (--recursive copies a folder)").arg(shown));
        } else {
            QStringList problems;
            const QList<S3LocalFiles::File> files = S3LocalFiles::walk(source, &problems);
            for (const QString &text : std::as_const(problems))
                problem(text);
            for (const S3LocalFiles::File &file : files)
                m_items.append({ file.path, { destination.bucket, destination.folderPrefix() + file.relative }, {}, file.size, {} });
            return true;
        }
    } else if (info.isDir()) {
        m_session->error(QStringLiteral("%1 is a folder; use --recursive").arg(shown));
    } else if (!info.isFile()) {
        m_session->error(QStringLiteral("%1 is not a regular file").arg(shown));
    } else {
        m_items.append({ source, { destination.bucket, keyFor(destination, info.fileName()) }, {}, info.size(), {} });
        return true;
    }
    m_badInput = true;
    return false;
}

bool S3Transfer::planDownload(const S3Uri &source, const QString &destination)
{
    if (m_options.recursive) {
        QList<Item> objects;
        if (!listBelow(source, &objects))
            return false;
        for (Item &object : objects) {
            if (object.relative.isEmpty() || object.relative.endsWith(u'/'))
                continue;  // a folder marker: nothing to write
            QString why;
            object.localPath = S3LocalFiles::downloadPath(destination, object.relative, &why);
            if (object.localPath.isEmpty()) {
                problem(QStringLiteral("skipping %1: it cannot be written below %2: %3")
                                .arg(S3Uri::printable(object.object.toString()),
                                     S3Uri::printable(destination), why));
                continue;
            }
            m_items.append(object);
        }
        return true;
    }
    if (source.key.isEmpty()) {
        m_session->error(QStringLiteral("%1 names no object: add a key, or use --recursive")
                                 .arg(S3Uri::printable(source.toString())));
        m_badInput = true;
        return false;
    }
    // No HeadObject first: AwsS3Client's HEAD refuses objects over 8 MiB (it takes their
    // Content-Length for the size of its answer); the download reports the size and errors.
    Item item { destination, source, {}, 0, {} };
    if (QFileInfo(destination).isDir() || destination.endsWith(u'/')) {
        if (!S3LocalFiles::isSafeName(source.baseName())) {
            problem(QStringLiteral("%1 has no name to give a file in %2; name the file")
                            .arg(S3Uri::printable(source.toString()), S3Uri::printable(destination)));
            return false;
        }
        QDir().mkpath(destination);
        item.localPath = QDir(destination).filePath(source.baseName());
    } else {
        QDir().mkpath(QFileInfo(destination).path());
    }
    m_items.append(item);
    return true;
}

bool S3Transfer::planCopy(const S3Uri &source, const S3Uri &destination)
{
    if (m_options.recursive) {
        QList<Item> objects;
        if (!listBelow(source, &objects))
            return false;
        for (Item &object : objects) {
            object.target = { destination.bucket, destination.folderPrefix() + object.relative };
            m_items.append(object);
        }
    } else {
        const QString key = keyFor(destination, source.baseName());
        if (source.key.isEmpty() || key.isEmpty() || key.endsWith(u'/')) {
            m_session->error(QStringLiteral("%1 names no object to copy: add a key, or use --recursive")
                                     .arg(S3Uri::printable(source.toString())));
            m_badInput = true;
            return false;
        }
        m_items.append({ {}, source, { destination.bucket, key }, 0, {} });
    }
    for (const Item &item : std::as_const(m_items)) {
        if (item.object.bucket == item.target.bucket && item.object.key == item.target.key) {
            m_session->error(QStringLiteral("%1: the source and the destination are the same object")
                                     .arg(S3Uri::printable(item.object.toString())));
            m_badInput = true;
            return false;
        }
    }
    return true;
}

bool S3Transfer::listBelow(const S3Uri &prefix, QList<Item> *objects)
{
    AwsS3ListOptions options;
    options.setPrefix(prefix.folderPrefix());
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->listAllObjects(prefix.bucket, options));
    if (!waitFor(reply.get())) {
        if (!m_session->isInterrupted())
            problem(QStringLiteral("cannot list %1: %2").arg(S3Uri::printable(prefix.toString()),
                                                            S3Session::replyError(reply.get())));
        return false;
    }
    const QList<AwsS3Object> listed = reply->listResult().objects();
    for (const AwsS3Object &object : listed) {
        objects->append({ {}, { prefix.bucket, object.key() }, {}, object.size(),
                          object.key().mid(options.prefix().size()) });
    }
    return true;
}

bool S3Transfer::waitFor(AwsS3Reply *reply)
{
    if (!m_session->wait(reply)) {
        reply->abort();  // a download removes its temporary file
        return false;
    }
    return reply->error() == AwsS3Reply::NoError;
}

QString S3Transfer::describe(const Item &item) const
{
    const QString object = S3Uri::printable(item.object.toString());
    switch (m_kind) {
    case Upload: return S3Uri::printable(item.localPath) + QStringLiteral(" to ") + object;
    case Download: return object + QStringLiteral(" to ") + S3Uri::printable(item.localPath);
    case Copy: break;
    }
    return object + QStringLiteral(" to ") + S3Uri::printable(item.target.toString());
}

bool S3Transfer::execute(const Item &item)
{
    static const char *const verbs[] = { "upload", "download", "copy" };
    const QString verb = QString::fromLatin1(m_options.move ? "move" : verbs[m_kind]);
    QString note;
    bool ok = false;
    switch (m_kind) {
    case Upload: ok = upload(item, &note); break;
    case Download: ok = download(item, &note); break;
    case Copy: ok = copy(item, &note); break;
    }
    m_session->progress().finishFile();
    if (ok && m_options.move)
        ok = removeSource(item, &note);
    if (m_session->isInterrupted())
        return false;
    if (!ok) {
        m_session->error(QStringLiteral("%1 failed: %2: %3").arg(verb, describe(item), note));
        return false;
    }
    m_session->report(QStringLiteral("%1: %2%3").arg(verb, describe(item), note));
    return true;
}

QString S3Transfer::statePath(const Item &item, const QString &suffix) const
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (cache.isEmpty())
        return QString();  // the library's default: beside the file
    const QString folder = cache + QStringLiteral("/qtsigv4/s3-transfers");
    if (!QDir().mkpath(folder))
        return QString();
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : { m_session->client()->serviceUrl().toString(), item.object.bucket,
                                 item.object.key, QFileInfo(item.localPath).absoluteFilePath() }) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    }
    return folder + u'/' + QString::fromLatin1(hash.result().toHex()) + suffix;
}

bool S3Transfer::upload(const Item &item, QString *note)
{
    AwsS3UploadOptions options = m_options.upload;
    options.setStateFilePath(statePath(item, QStringLiteral(".s3upload")));
    options.setRestartsWhenFileChanged(true);  // a changed file is uploaded as it is now
    std::unique_ptr<AwsS3Upload> job(m_session->client()->uploadFile(item.object.bucket, item.object.key,
                                                                     item.localPath, options));
    QObject::connect(job.get(), &AwsS3Upload::progress, job.get(),
                     [this](qint64 sent, qint64) { m_session->progress().setCurrent(sent); });
    if (!m_session->wait(job.get()))
        return false;  // deleting the job keeps its state file: the same command resumes it
    if (job->error() != AwsS3Upload::NoError) {
        *note = S3Session::withHint(job->errorString());
        // A server without ListParts (s3rver) or a damaged state cannot resume: say how to restart.
        if (QFile::exists(job->stateFilePath())) {
            *note += QStringLiteral(" (the resume state is kept in %1: run the command again to resume, "
                                    "or delete that file to start over)")
                             .arg(S3Uri::printable(job->stateFilePath()));
        }
        return false;
    }
    if (!job->resumedParts().isEmpty()) {
        *note = QStringLiteral(" (resumed: %1 of %2 parts were already stored)")
                        .arg(job->resumedParts().size()).arg(job->partCount());
    }
    return true;
}

bool S3Transfer::download(const Item &item, QString *note)
{
    AwsS3DownloadOptions options = m_options.download;
    options.setStateFilePath(statePath(item, QStringLiteral(".s3download")));
    std::unique_ptr<AwsS3Download> job(m_session->client()->downloadFile(
            item.object.bucket, item.object.key, item.localPath, options));
    QObject::connect(job.get(), &AwsS3Download::progress, job.get(),
                     [this, sized = item.size > 0](qint64 received, qint64 total) mutable {
        if (!sized && total > 0)
            m_session->progress().addToTotal(total);  // a single download learns its size here
        sized = sized || total > 0;
        m_session->progress().setCurrent(received);
    });
    if (!m_session->wait(job.get()))
        return false;  // a download in parts keeps what it has: the same command resumes it
    if (job->error() != AwsS3Download::NoError) {
        *note = S3Session::withHint(job->errorString());
        return false;
    }
    if (job->wasRestarted())
        *note = QStringLiteral(" (started over: %1)").arg(S3Uri::printable(job->restartReason()));
    else if (!job->resumedParts().isEmpty())
        *note = QStringLiteral(" (resumed: %1 of %2 parts were already here)")
                        .arg(job->resumedParts().size()).arg(job->partCount());
    return true;
}

bool S3Transfer::copy(const Item &item, QString *note)
{
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->copyObject(
            item.object.bucket, item.object.key, item.target.bucket, item.target.key));
    return finish(reply.get(), note);
}

bool S3Transfer::finish(AwsS3Reply *reply, QString *note)
{
    if (waitFor(reply))
        return true;
    *note = S3Session::replyError(reply);
    return false;
}

bool S3Transfer::removeSource(const Item &item, QString *note)
{
    if (m_kind == Upload) {
        QFile file(item.localPath);
        if (file.remove())
            return true;
        *note = QStringLiteral("uploaded, but %1 could not be deleted: %2")
                        .arg(S3Uri::printable(item.localPath), file.errorString());
        return false;
    }
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->deleteObject(item.object.bucket, item.object.key));
    if (finish(reply.get(), note))
        return true;
    *note = QStringLiteral("copied, but the source could not be deleted: ") + *note;
    return false;
}
