// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "transferrow.h"

#include "s3format.h"
#include "s3transfer.h"

#include <QtCore/qfileinfo.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qprogressbar.h>
#include <QtWidgets/qpushbutton.h>

TransferRow::TransferRow(S3Transfer *transfer, QWidget *parent)
    : QFrame(parent), m_transfer(transfer), m_title(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_status(new QLabel(this)), m_button(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("transferRow"));
    setFrameShape(QFrame::StyledPanel);
    m_transfer->setParent(this);
    const bool up = transfer->direction() == S3Transfer::Upload;
    const QString remote = QStringLiteral("s3://%1/%2").arg(transfer->bucket(), transfer->key());
    const QString local = QFileInfo(transfer->localPath()).fileName();
    m_title->setText(up ? tr("⬆ %1 → %2").arg(local, remote) : tr("⬇ %1 → %2").arg(remote, local));
    m_title->setToolTip(transfer->localPath());
    m_title->setMinimumWidth(120);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_bar->setFormat(up ? tr("signing…") : tr("waiting…"));
    m_bar->setMinimumWidth(160);
    m_status->setMinimumWidth(210);
    m_button->setObjectName(QStringLiteral("transferButton"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_title, 3);
    layout->addWidget(m_bar, 2);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_button);

    connect(m_transfer, &S3Transfer::progress, this, &TransferRow::onProgress);
    connect(m_transfer, &S3Transfer::finished, this, &TransferRow::onFinished);
    connect(m_button, &QPushButton::clicked, this, [this]() {
        if (m_transfer->isFinished())
            emit removeRequested(this);
        else
            m_transfer->cancel();
    });
    m_clock.start();
    if (transfer->bytesTotal() >= 0)
        m_status->setText(S3Format::size(transfer->bytesTotal()));
}

TransferRow::~TransferRow() = default;

void TransferRow::onProgress(qint64 done, qint64 total)
{
    if (total > 0) {
        m_bar->setValue(int(done * 1000 / total));
        m_bar->setFormat(QStringLiteral("%p%"));
    } else {
        m_bar->setRange(0, 0);
    }
    if (m_startBytes < 0) {
        m_startBytes = done;
        m_clock.restart();
    }
    const double seconds = qMax<qint64>(1, m_clock.elapsed()) / 1000.0;
    m_status->setText(tr("%1 of %2 · %3/s")
                              .arg(S3Format::size(done),
                                   total > 0 ? S3Format::size(total) : tr("?"),
                                   S3Format::size(qint64(double(done - m_startBytes) / seconds))));
    if (total > 0 && m_transfer->isMultipart()) {
        m_bar->setFormat(m_transfer->resumedPartCount() > 0
                                 ? tr("%p% · %1 parts, %2 resumed")
                                           .arg(m_transfer->partCount())
                                           .arg(m_transfer->resumedPartCount())
                                 : tr("%p% · %1 parts").arg(m_transfer->partCount()));
    }
}

void TransferRow::onFinished(const S3Error &error)
{
    m_bar->setRange(0, 1000);
    m_button->setText(tr("Remove"));
    if (!error.isError()) {
        m_bar->setValue(1000);
        m_bar->setFormat(tr("done"));
        m_status->setText(S3Format::size(m_transfer->bytesTotal()));
        return;
    }
    m_bar->setFormat(error.cancelled ? tr("cancelled") : tr("failed"));
    m_status->setText(error.cancelled ? tr("Cancelled") : error.code.isEmpty() ? tr("Error") : error.code);
    if (m_transfer->direction() == S3Transfer::Upload && m_transfer->isMultipart() && !error.cancelled)
        m_status->setText(m_status->text() + tr(" · upload it again to resume"));
    m_status->setToolTip(error.toString());
}
