// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "screenshottour.h"

#include "connectdialog.h"
#include "mainwindow.h"
#include "s3client.h"
#include "s3objectmodel.h"
#include "s3transfer.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qrandom.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtGui/qpixmap.h>
#include <QtWidgets/qtreeview.h>

#include <cstdio>

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent), m_window(window), m_directory(directory)
{
}

ScreenshotTour::~ScreenshotTour()
{
    delete m_temp;
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    connect(m_window, &MainWindow::bucketsLoaded, this, &ScreenshotTour::showBuckets,
            Qt::SingleShotConnection);
    connect(m_window, &MainWindow::errorShown, this, &ScreenshotTour::fail);
    QTimer::singleShot(60000, this, [this]() { fail(QStringLiteral("timed out")); });
}

void ScreenshotTour::save(const QString &name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!m_window->grab().save(path)) {
        fail(QStringLiteral("cannot write %1").arg(path));
        return;
    }
    std::fprintf(stderr, "s3browser: wrote %s\n", qPrintable(QDir::toNativeSeparators(path)));
}

void ScreenshotTour::saveConnectDialog()
{
    ConnectDialog dialog(m_window);
    S3ConnectionSettings settings = m_window->client()->settings();
    dialog.setSettings(settings);
    dialog.resize(520, dialog.sizeHint().height());
    const QString path = QDir(m_directory).filePath(QStringLiteral("s3browser-connect.png"));
    if (dialog.grab().save(path))
        std::fprintf(stderr, "s3browser: wrote %s\n", qPrintable(QDir::toNativeSeparators(path)));
}

void ScreenshotTour::fail(const QString &why)
{
    std::fprintf(stderr, "s3browser: screenshots failed: %s\n", qPrintable(why));
    QCoreApplication::exit(1);
}

// Waits until the model has finished loading, then runs `next` (after a paint).
static void whenLoaded(S3ObjectModel *model, QObject *context, std::function<void()> next)
{
    auto *timer = new QTimer(context);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, context, [model, timer, next]() {
        if (model->isLoading())
            return;
        timer->deleteLater();
        timer->stop();
        QTimer::singleShot(150, next);
    });
    timer->start();
}

void ScreenshotTour::showBuckets(const QStringList &names)
{
    const QString bucket = names.contains(QStringLiteral("demo-photos")) ? QStringLiteral("demo-photos")
                                                                          : names.value(0);
    if (bucket.isEmpty()) {
        fail(QStringLiteral("no buckets"));
        return;
    }
    m_window->openBucket(bucket);
    whenLoaded(m_window->objectModel(), this, [this]() {
        save(QStringLiteral("s3browser-buckets.png"));
        saveConnectDialog();
        // Open the first folder, then its first subfolder.
        S3ObjectModel *model = m_window->objectModel();
        for (int depth = 0; depth < 1 && model->rowCount() > 0; ++depth) {
            if (model->entry(0).isFolder)
                m_window->openPrefix(model->entry(0).key + QStringLiteral("summer/"));
        }
        whenLoaded(model, this, [this]() { showFolder(); });
    });
}

void ScreenshotTour::showFolder()
{
    auto *view = m_window->findChild<QTreeView *>(QStringLiteral("objectView"));
    if (view && m_window->objectModel()->rowCount() > 1)
        view->setCurrentIndex(m_window->objectModel()->index(1, 0));
    QTimer::singleShot(100, this, [this]() {
        save(QStringLiteral("s3browser-folder.png"));
        startUpload();
    });
}

void ScreenshotTour::startUpload()
{
    m_temp = new QTemporaryDir;
    const QString path = m_temp->filePath(QStringLiteral("holiday-video.mp4"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        fail(file.errorString());
        return;
    }
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (int i = 0; i < 96; ++i) {
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), int(block.size() / 4));
        file.write(block);
    }
    file.close();
    // A second, small upload that completes, so the panel shows both states.
    const QString small = m_temp->filePath(QStringLiteral("itinerary.txt"));
    QFile smallFile(small);
    if (smallFile.open(QIODevice::WriteOnly))
        smallFile.write("Day 1: beach\nDay 2: dunes\nDay 3: sunset\n");
    smallFile.close();
    connect(m_window, &MainWindow::transferFinished, this, [this](S3Transfer *transfer, const S3Error &) {
        if (transfer->key().endsWith(QStringLiteral("holiday-video.mp4")))
            QTimer::singleShot(300, qApp, []() { QCoreApplication::exit(0); });
    });
    m_window->uploadFiles({ small });
    QTimer::singleShot(400, this, [this, path]() {
        m_window->uploadFiles({ path });
        const auto transfers = m_window->findChildren<S3Transfer *>();
        for (S3Transfer *transfer : transfers) {
            if (!transfer->key().endsWith(QStringLiteral("holiday-video.mp4")))
                continue;
            connect(transfer, &S3Transfer::progress, this, [this, transfer](qint64 done, qint64 total) {
                if (m_uploadShot || total <= 0 || done * 100 / total < 35)
                    return;
                m_uploadShot = true;
                save(QStringLiteral("s3browser-upload.png"));
                transfer->cancel();
            });
        }
    });
}
