// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "breadcrumbbar.h"
#include "connectdialog.h"
#include "errorbanner.h"
#include "objectview.h"
#include "s3client.h"
#include "s3format.h"
#include "s3objectmodel.h"
#include "s3transfer.h"
#include "transferpanel.h"

#include <qtsigv4/awss3bucket.h>

#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qsettings.h>
#include <QtCore/qstandardpaths.h>
#include <QtGui/qaction.h>
#include <QtGui/qclipboard.h>
#include <QtGui/qguiapplication.h>
#include <QtGui/qkeysequence.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qfiledialog.h>
#include <QtWidgets/qheaderview.h>
#include <QtWidgets/qinputdialog.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlistwidget.h>
#include <QtWidgets/qmenubar.h>
#include <QtWidgets/qmessagebox.h>
#include <QtWidgets/qsplitter.h>
#include <QtWidgets/qstatusbar.h>
#include <QtWidgets/qstyle.h>
#include <QtWidgets/qtoolbar.h>

#include <functional>
#include <memory>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_client(new S3Client(this)), m_model(new S3ObjectModel(m_client, this)),
      m_buckets(new QListWidget(this)), m_breadcrumbs(new BreadcrumbBar(this)),
      m_view(new ObjectView(this)), m_banner(new ErrorBanner(this)),
      m_transfers(new TransferPanel(this)), m_connectionLabel(new QLabel(this)),
      m_countLabel(new QLabel(this))
{
    setWindowTitle(tr("S3 Browser — qtsigv4"));
    m_model->setFolderIcon(style()->standardIcon(QStyle::SP_DirIcon));
    m_model->setFileIcon(style()->standardIcon(QStyle::SP_FileIcon));

    m_buckets->setObjectName(QStringLiteral("bucketList"));
    m_buckets->setMinimumWidth(170);
    m_view->setObjectName(QStringLiteral("objectView"));
    m_view->setModel(m_model);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(S3ObjectModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(S3ObjectModel::SizeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(S3ObjectModel::ModifiedColumn, QHeaderView::ResizeToContents);
    m_breadcrumbs->setObjectName(QStringLiteral("breadcrumbs"));
    m_transfers->setObjectName(QStringLiteral("transfers"));

    auto *bucketPane = new QWidget(this);
    auto *bucketLayout = new QVBoxLayout(bucketPane);
    bucketLayout->setContentsMargins(0, 0, 0, 0);
    bucketLayout->addWidget(new QLabel(tr("<b>Buckets</b>"), bucketPane));
    bucketLayout->addWidget(m_buckets);

    auto *objectPane = new QWidget(this);
    auto *objectLayout = new QVBoxLayout(objectPane);
    objectLayout->setContentsMargins(0, 0, 0, 0);
    objectLayout->addWidget(m_breadcrumbs);
    objectLayout->addWidget(m_banner);
    objectLayout->addWidget(m_view, 1);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    objectLayout->addWidget(m_countLabel);

    auto *horizontal = new QSplitter(Qt::Horizontal, this);
    horizontal->addWidget(bucketPane);
    horizontal->addWidget(objectPane);
    horizontal->setStretchFactor(1, 1);
    horizontal->setSizes({ 200, 700 });
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(horizontal);
    vertical->addWidget(m_transfers);
    vertical->setStretchFactor(0, 1);
    vertical->setSizes({ 480, 140 });
    vertical->setContentsMargins(6, 6, 6, 0);
    setCentralWidget(vertical);

    statusBar()->addPermanentWidget(m_connectionLabel);
    createActions();

    connect(m_buckets, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty() && name != m_model->bucket())
            openBucket(name);
        updateActions();
    });
    connect(m_view, &QAbstractItemView::activated, this, &MainWindow::onActivated);
    connect(m_view, &ObjectView::filesDropped, this, &MainWindow::uploadFiles);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_breadcrumbs, &BreadcrumbBar::prefixActivated, this, &MainWindow::openPrefix);
    connect(m_model, &S3ObjectModel::loadFailed, this, [this](const S3Error &e) {
        showError(tr("Could not list s3://%1/%2").arg(m_model->bucket(), m_model->prefix()), e);
    });
    connect(m_model, &S3ObjectModel::pageLoaded, this, &MainWindow::updateStatus);
    connect(m_model, &S3ObjectModel::loadingChanged, this, &MainWindow::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1180, 720);
    m_connectionLabel->setText(tr("Not connected"));
    updateActions();
}

MainWindow::~MainWindow()
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
}

void MainWindow::createActions()
{
    QStyle *s = style();
    const auto make = [this](const QIcon &icon, const QString &text, const QKeySequence &key,
                             const std::function<void()> &slot) {
        auto *action = new QAction(icon, text, this);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_connectAction = make(s->standardIcon(QStyle::SP_DriveNetIcon), tr("&Connect…"),
                           QKeySequence(tr("Ctrl+K")), [this]() { showConnectDialog(); });
    m_refreshAction = make(s->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"),
                           QKeySequence::Refresh, [this]() { refresh(); });
    m_upAction = make(s->standardIcon(QStyle::SP_FileDialogToParent), tr("&Up"),
                      QKeySequence(tr("Alt+Up")), [this]() {
                          QString p = m_model->prefix();
                          p.chop(1);
                          openPrefix(p.left(p.lastIndexOf(u'/') + 1));
                      });
    m_uploadAction = make(s->standardIcon(QStyle::SP_ArrowUp), tr("&Upload…"),
                          QKeySequence(tr("Ctrl+U")), [this]() { uploadFromDialog(); });
    m_downloadAction = make(s->standardIcon(QStyle::SP_ArrowDown), tr("&Download…"),
                            QKeySequence(tr("Ctrl+D")), [this]() { downloadSelected(); });
    m_deleteAction = make(s->standardIcon(QStyle::SP_TrashIcon), tr("De&lete"),
                          QKeySequence::Delete, [this]() { deleteSelected(); });
    m_presignAction = make(s->standardIcon(QStyle::SP_DialogSaveButton), tr("Copy &presigned URL"),
                           QKeySequence(tr("Ctrl+Shift+C")), [this]() { copyPresignedUrl(); });
    m_newBucketAction = make(s->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&New bucket…"),
                             QKeySequence(tr("Ctrl+Shift+N")), [this]() { createBucket(); });
    m_deleteBucketAction = make(s->standardIcon(QStyle::SP_DialogDiscardButton), tr("Delete &bucket…"),
                                QKeySequence(), [this]() { deleteCurrentBucket(); });
    m_downloadAction->setObjectName(QStringLiteral("downloadAction"));
    m_deleteAction->setObjectName(QStringLiteral("deleteAction"));

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(m_connectAction);
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_upAction);
    bar->addAction(m_uploadAction);
    bar->addAction(m_downloadAction);
    bar->addAction(m_deleteAction);
    bar->addAction(m_presignAction);
    bar->addSeparator();
    bar->addAction(m_newBucketAction);
    bar->addAction(m_deleteBucketAction);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *bucket = menuBar()->addMenu(tr("&Bucket"));
    bucket->addAction(m_refreshAction);
    bucket->addAction(m_newBucketAction);
    bucket->addAction(m_deleteBucketAction);
    QMenu *object = menuBar()->addMenu(tr("&Object"));
    object->addAction(m_uploadAction);
    object->addAction(m_downloadAction);
    object->addAction(m_deleteAction);
    object->addAction(m_presignAction);

    m_view->addActions({ m_downloadAction, m_presignAction, m_deleteAction });
    m_buckets->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_buckets->addActions({ m_refreshAction, m_newBucketAction, m_deleteBucketAction });
}

void MainWindow::updateActions()
{
    const bool connected = m_client->isConfigured();
    const bool inBucket = connected && !m_model->bucket().isEmpty();
    const QStringList files = selectedKeys(false);
    const QStringList all = selectedKeys(true);
    m_refreshAction->setEnabled(connected);
    m_newBucketAction->setEnabled(connected);
    m_deleteBucketAction->setEnabled(inBucket);
    m_upAction->setEnabled(inBucket && !m_model->prefix().isEmpty());
    m_uploadAction->setEnabled(inBucket);
    m_downloadAction->setEnabled(!files.isEmpty());
    m_deleteAction->setEnabled(!all.isEmpty());
    m_presignAction->setEnabled(files.size() == 1);
}

QString MainWindow::currentBucket() const { return m_model->bucket(); }
QString MainWindow::currentPrefix() const { return m_model->prefix(); }

bool MainWindow::connectTo(const S3ConnectionSettings &settings)
{
    QString error;
    if (!m_client->configure(settings, &error)) {
        m_banner->showMessage(tr("Cannot connect: %1").arg(error));
        emit errorShown(error);
        return false;
    }
    QSettings stored;
    settings.save(stored);
    m_connectionLabel->setText(settings.displayName());
    m_banner->hide();
    m_model->setLocation(QString(), QString());
    m_breadcrumbs->setLocation(QString(), QString());
    refreshBuckets();
    updateActions();
    return true;
}

void MainWindow::showConnectDialog()
{
    ConnectDialog dialog(this);
    QSettings stored;
    S3ConnectionSettings current = m_client->isConfigured() ? m_client->settings()
                                                            : S3ConnectionSettings::load(stored);
    dialog.setSettings(current);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.settings());
}

void MainWindow::refresh()
{
    refreshBuckets();
    if (!m_model->bucket().isEmpty())
        m_model->refresh();
}

void MainWindow::refreshBuckets()
{
    if (!m_client->isConfigured())
        return;
    statusBar()->showMessage(tr("Listing buckets…"));
    m_client->listBuckets(this, [this](const QList<AwsS3Bucket> &buckets, const S3Error &error) {
        statusBar()->clearMessage();
        if (error.isError()) {
            showError(tr("Could not list the buckets"), error);
            return;
        }
        const QString keep = m_pendingBucket.isEmpty() ? m_model->bucket() : m_pendingBucket;
        m_pendingBucket.clear();
        QSignalBlocker blocker(m_buckets);
        m_buckets->clear();
        QStringList names;
        for (const AwsS3Bucket &b : buckets) {
            auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DriveHDIcon), b.name(), m_buckets);
            item->setToolTip(tr("Created %1").arg(S3Format::dateTime(b.creationDate())));
            names.append(b.name());
            if (b.name() == keep)
                m_buckets->setCurrentItem(item);
        }
        if (!keep.isEmpty() && !names.contains(keep))
            m_model->setLocation(QString(), QString());
        if (!keep.isEmpty() && names.contains(keep) && m_model->bucket() != keep)
            openBucket(keep);
        updateActions();
        emit bucketsLoaded(names);
    });
}

void MainWindow::openBucket(const QString &bucket)
{
    const QList<QListWidgetItem *> items = m_buckets->findItems(bucket, Qt::MatchExactly);
    if (!items.isEmpty() && m_buckets->currentItem() != items.first()) {
        QSignalBlocker blocker(m_buckets);
        m_buckets->setCurrentItem(items.first());
    }
    m_banner->hide();
    m_model->setLocation(bucket, QString());
    m_breadcrumbs->setLocation(bucket, QString());
    updateActions();
}

void MainWindow::openPrefix(const QString &prefix)
{
    m_banner->hide();
    m_model->setLocation(m_model->bucket(), prefix);
    m_breadcrumbs->setLocation(m_model->bucket(), prefix);
    updateActions();
}

void MainWindow::onActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (index.data(S3ObjectModel::IsFolderRole).toBool())
        openPrefix(index.data(S3ObjectModel::KeyRole).toString());
    else
        downloadSelected();
}

void MainWindow::updateStatus()
{
    QString text;
    if (!m_model->bucket().isEmpty()) {
        text = tr("%n item(s)", nullptr, m_model->rowCount());
        if (m_model->hasMorePages())
            text += tr(" · more on the server: scroll down to load the next page");
        if (m_model->isLoading())
            text += tr(" · loading…");
    }
    m_countLabel->setText(text);
}

void MainWindow::showError(const QString &what, const S3Error &error)
{
    if (error.cancelled)
        return;
    m_banner->showError(what, error);
    emit errorShown(what + QStringLiteral(": ") + error.toString());
}

QStringList MainWindow::selectedKeys(bool includeFolders) const
{
    QStringList keys;
    if (!m_view->selectionModel())
        return keys;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (includeFolders || !index.data(S3ObjectModel::IsFolderRole).toBool())
            keys.append(index.data(S3ObjectModel::KeyRole).toString());
    }
    return keys;
}

void MainWindow::addTransfer(S3Transfer *transfer)
{
    m_transfers->addTransfer(transfer);
    const QString bucket = transfer->bucket();
    connect(transfer, &S3Transfer::finished, this, [this, transfer, bucket](const S3Error &error) {
        if (error.isError() && !error.cancelled) {
            showError(transfer->direction() == S3Transfer::Upload
                              ? tr("Upload of %1 failed").arg(transfer->key())
                              : tr("Download of %1 failed").arg(transfer->key()),
                      error);
        }
        if (transfer->direction() == S3Transfer::Upload && !error.isError()
            && bucket == m_model->bucket()) {
            // Show it, unless the user has moved to another place meanwhile.
            const QString key = transfer->key();
            const qsizetype slash = key.lastIndexOf(u'/');
            const QString parent = slash < 0 ? QString() : key.left(slash + 1);
            if (m_model->prefix() == parent || parent.startsWith(m_model->prefix()))
                m_model->refresh();
        }
        emit transferFinished(transfer, error);
    });
    emit transferStarted(transfer);
}

void MainWindow::uploadFiles(const QStringList &localPaths)
{
    if (m_model->bucket().isEmpty()) {
        m_banner->showMessage(tr("Open a bucket first, then drop files on it."));
        return;
    }
    // Files go below the current prefix; a dropped folder keeps its structure.
    QList<QPair<QString, QString>> jobs;
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QDir base = info.dir();
            QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                jobs.append({ file, m_model->prefix() + base.relativeFilePath(file) });
            }
        } else if (info.isFile()) {
            jobs.append({ path, m_model->prefix() + info.fileName() });
        }
    }
    for (const auto &job : jobs)
        addTransfer(m_client->upload(m_model->bucket(), job.second, job.first));
}

void MainWindow::uploadFromDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Upload to s3://%1/%2").arg(m_model->bucket(), m_model->prefix()));
    if (!files.isEmpty())
        uploadFiles(files);
}

S3Transfer *MainWindow::downloadObject(const QString &key, const QString &localPath)
{
    S3Transfer *transfer = m_client->download(m_model->bucket(), key, localPath);
    addTransfer(transfer);
    return transfer;
}

void MainWindow::downloadSelected()
{
    const QStringList keys = selectedKeys(false);
    if (keys.isEmpty())
        return;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (keys.size() == 1) {
        const QString target = QFileDialog::getSaveFileName(
                this, tr("Download %1").arg(keys.first()),
                QDir(downloads).filePath(S3Format::lastSegment(keys.first())));
        if (!target.isEmpty())
            downloadObject(keys.first(), target);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download %n object(s) to", nullptr, int(keys.size())), downloads);
    if (dir.isEmpty())
        return;
    for (const QString &key : keys)
        downloadObject(key, QDir(dir).filePath(S3Format::lastSegment(key)));
}

void MainWindow::deleteSelected()
{
    const QStringList keys = selectedKeys(false);
    const QStringList folders = selectedKeys(true);
    if (keys.isEmpty()) {
        if (!folders.isEmpty())
            m_banner->showMessage(tr("Folders are prefixes, not objects: open one and delete its objects."));
        return;
    }
    if (m_confirmDeletes) {
        const QString question = keys.size() == 1
                ? tr("Delete s3://%1/%2?\n\nThis cannot be undone.").arg(m_model->bucket(), keys.first())
                : tr("Delete %n object(s) from s3://%1?\n\nThis cannot be undone.", nullptr, int(keys.size()))
                          .arg(m_model->bucket());
        if (QMessageBox::question(this, tr("Delete"), question,
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
            return;
    }
    auto remaining = std::make_shared<int>(int(keys.size()));
    auto failures = std::make_shared<int>(0);
    const QString bucket = m_model->bucket();
    for (const QString &key : keys) {
        m_client->deleteObject(bucket, key, this, [this, key, remaining, failures, count = int(keys.size())](const S3Error &e) {
            if (e.isError()) {
                ++*failures;
                showError(tr("Could not delete %1").arg(key), e);
            }
            if (--*remaining == 0) {
                m_model->refresh();
                statusBar()->showMessage(tr("Deleted %n object(s)", nullptr, count - *failures), 5000);
                emit objectsDeleted(count - *failures);
            }
        });
    }
}

void MainWindow::createBucket(const QString &name)
{
    QString bucket = name;
    if (bucket.isEmpty()) {
        bool ok = false;
        bucket = QInputDialog::getText(this, tr("New bucket"),
                                       tr("Bucket name (3–63 lower-case letters, digits, '-' and '.'):"),
                                       QLineEdit::Normal, QString(), &ok).trimmed();
        if (!ok || bucket.isEmpty())
            return;
    }
    m_client->createBucket(bucket, this, [this, bucket](const S3Error &e) {
        if (e.isError()) {
            showError(tr("Could not create bucket %1").arg(bucket), e);
            return;
        }
        statusBar()->showMessage(tr("Created bucket %1").arg(bucket), 5000);
        m_pendingBucket = bucket;
        refreshBuckets();
    });
}

void MainWindow::deleteCurrentBucket()
{
    const QString bucket = m_model->bucket();
    if (bucket.isEmpty())
        return;
    if (m_confirmDeletes
        && QMessageBox::question(this, tr("Delete bucket"),
                                 tr("Delete the bucket %1?\n\nS3 deletes only empty buckets.").arg(bucket),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                != QMessageBox::Yes)
        return;
    m_client->deleteBucket(bucket, this, [this, bucket](const S3Error &e) {
        if (e.isError()) {
            showError(tr("Could not delete bucket %1").arg(bucket), e);
            return;
        }
        statusBar()->showMessage(tr("Deleted bucket %1").arg(bucket), 5000);
        m_model->setLocation(QString(), QString());
        m_breadcrumbs->setLocation(QString(), QString());
        refreshBuckets();
    });
}

void MainWindow::copyPresignedUrl()
{
    const QStringList keys = selectedKeys(false);
    if (keys.size() != 1)
        return;
    const QString key = keys.first();
    m_client->presignedUrl(m_model->bucket(), key, 3600, this,
                           [this, key](const QUrl &url, const S3Error &error) {
        if (error.isError()) {
            showError(tr("Could not presign %1").arg(key), error);
            return;
        }
        QGuiApplication::clipboard()->setText(QString::fromLatin1(url.toEncoded()));
        statusBar()->showMessage(tr("Presigned URL of %1 (valid for 1 hour) copied to the clipboard")
                                         .arg(key), 8000);
        emit presignedUrlCopied(url);
    });
}
