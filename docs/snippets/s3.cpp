// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Snippets of README.md and of AwsS3Client's reference: the S3 client (QtSigV4::S3).
// Compiled by the docs snippet test and the package consumer; not run (it goes to AWS).
#include "snippets.h"

//! [s3]
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>

//! [s3]
//! [s3upload]
#include <qtsigv4/awss3upload.h>

//! [s3upload]
//! [s3download]
#include <qtsigv4/awss3download.h>

//! [s3download]
#include <QtCore/qdebug.h>

using namespace Qt::StringLiterals;

void SnippetWindow::s3ListUploadDownload()
{
    //! [s3]
    auto *s3 = new AwsS3Client(this);              // AWS; setEndpoint() for MinIO, R2, Ceph, ...
    s3->setRegion(u"eu-west-1"_s);
    s3->setCredentialsProvider(AwsCredentialsProviderChain::createDefault(QString(), s3));

    AwsS3Reply *list = s3->listAllObjects(u"my-bucket"_s);  // every page
    connect(list, &AwsS3Reply::finished, this, [list] {
        for (const AwsS3Object &object : list->listResult().objects())
            qDebug() << object.key() << object.size();
        list->deleteLater();
    });

    AwsS3Reply *upload = s3->putObjectFromFile(u"my-bucket"_s, u"photos/cat.jpg"_s, u"cat.jpg"_s);
    connect(upload, &AwsS3Reply::finished, this, [s3, upload] {
        upload->deleteLater();
        if (upload->error() != AwsS3Reply::NoError) {
            qWarning() << upload->errorString();   // e.g. "NoSuchBucket: The specified bucket ..."
            return;
        }
        // Written to a temporary file, renamed to copy.jpg only when complete.
        AwsS3Reply *download = s3->getObjectToFile(u"my-bucket"_s, u"photos/cat.jpg"_s, u"copy.jpg"_s);
        connect(download, &AwsS3Reply::finished, download, &QObject::deleteLater);
    });
    //! [s3]
}

void SnippetWindow::s3UploadFile(AwsS3Client *s3)
{
    //! [s3upload]
    AwsS3UploadOptions options;                    // defaults: 8 MiB parts, 4 in flight, CRC32C
    options.setPartsInFlight(8);
    AwsS3Upload *job = s3->uploadFile(u"my-bucket"_s, u"videos/trip.mp4"_s, u"trip.mp4"_s, options);
    connect(job, &AwsS3Upload::progress, this, [job](qint64 sent, qint64 total) {
        qDebug() << sent << "of" << total << job->bytesPerSecond() << "B/s,"
                 << job->secondsRemaining() << "s left";
    });
    connect(job, &AwsS3Upload::finished, this, [job] {
        job->deleteLater();
        if (job->error() != AwsS3Upload::NoError)
            qWarning() << job->errorString();   // run it again later: it resumes
    });
    // job->cancel() aborts the multipart upload on the server: no parts left behind.
    //! [s3upload]
}

void SnippetWindow::s3DownloadFile(AwsS3Client *s3)
{
    //! [s3download]
    AwsS3DownloadOptions options;                  // defaults: 8 MiB parts, 4 in flight
    options.setPartsInFlight(8);
    AwsS3Download *job = s3->downloadFile(u"my-bucket"_s, u"videos/trip.mp4"_s, u"trip.mp4"_s, options);
    connect(job, &AwsS3Download::progress, this, [job](qint64 received, qint64 total) {
        qDebug() << received << "of" << total << job->bytesPerSecond() << "B/s,"
                 << job->secondsRemaining() << "s left";
    });
    connect(job, &AwsS3Download::finished, this, [job] {
        job->deleteLater();
        if (job->error() != AwsS3Download::NoError)
            qWarning() << job->errorString();   // trip.mp4 untouched; run it again: it resumes
    });
    // job->stop() keeps the partial file to resume later; job->cancel() removes it.
    //! [s3download]
}
