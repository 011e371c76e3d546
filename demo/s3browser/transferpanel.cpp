// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "transferpanel.h"

#include "s3transfer.h"
#include "transferrow.h"

#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qscrollarea.h>

TransferPanel::TransferPanel(QWidget *parent) : QWidget(parent)
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    m_rows = new QVBoxLayout(content);
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(2);
    m_rows->addStretch();
    scroll->setWidget(content);

    auto *clear = new QPushButton(tr("Clear finished"), this);
    connect(clear, &QPushButton::clicked, this, &TransferPanel::clearFinished);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Transfers</b>"), this);
    header->addWidget(title);
    header->addStretch();
    header->addWidget(clear);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(header);
    layout->addWidget(scroll);
}

void TransferPanel::addTransfer(S3Transfer *transfer)
{
    auto *row = new TransferRow(transfer, this);
    connect(row, &TransferRow::removeRequested, this, [](TransferRow *r) { r->deleteLater(); });
    m_rows->insertWidget(0, row);
}

QList<TransferRow *> TransferPanel::rows() const
{
    return findChildren<TransferRow *>();
}

void TransferPanel::clearFinished()
{
    for (TransferRow *row : rows()) {
        if (row->transfer()->isFinished())
            row->deleteLater();
    }
}
