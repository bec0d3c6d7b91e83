/** Labels of photo and video attachments (zh and en, same keys), merged into the studio's resources under `attachments`. */
export const attachmentsText = {
  zh: {
    add: '拍照/上传',
    uploading: '上传中…',
    failed: '上传失败：{{message}}',
    photos: '现场照片/视频',
    resultPhotos: '处理结果照片',
    video: '视频',
    open: '查看原图',
  },
  en: {
    add: 'Photo / upload',
    uploading: 'Uploading…',
    failed: 'Upload failed: {{message}}',
    photos: 'On-site photos/videos',
    resultPhotos: 'Result photos',
    video: 'Video',
    open: 'Open the original',
  },
};
