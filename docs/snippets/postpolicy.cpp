// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Snippets of README.md: S3 POST policies. The form is made by tst_docsnippets; the upload is
// only compiled (it goes to S3).
#include "snippets.h"

#include <QtNetwork/qhttpmultipart.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

using namespace Qt::StringLiterals;

PostForm postForm(const AwsCredentials &credentials)
{
    //! [post-policy]
    AwsPostPolicy policy(u"my-bucket"_s, u"eu-west-1"_s);
    policy.setKeyPrefix(u"uploads/"_s);                        // the form's key is uploads/${filename}
    policy.setContentLengthRange(1, 10 * 1024 * 1024);
    policy.addField(u"Content-Type"_s, u"image/png"_s);
    const AwsHeaderList fields = policy.formFields(credentials); // valid for an hour by default
    QString html = AwsPostPolicy::htmlForm(policy.actionUrl(), fields);            // for a web page
    //! [post-policy]
    return { policy, fields, html };
}

QNetworkReply *postUpload(QNetworkAccessManager *nam, const PostForm &form, QIODevice *file)
{
    const AwsPostPolicy &policy = form.policy;
    const AwsHeaderList &fields = form.fields;
    //! [post-policy]
    QHttpMultiPart *multiPart = AwsPostPolicy::multiPart(fields, file, u"cat.png"_s, "image/png");
    QNetworkReply *reply = nam->post(QNetworkRequest(policy.actionUrl()), multiPart); // file part last
    multiPart->setParent(reply);
    //! [post-policy]
    return reply;
}
