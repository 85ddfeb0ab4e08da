import { useEffect } from 'react';
import { Form, Input, Modal, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { TicketSatisfactionInput } from '../../../shared/schemas/servicedesk.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';

type Props = { open: boolean; title: string; isSaving: boolean; onCancel: () => void; onSubmit: (input: TicketSatisfactionInput) => void };

/** 评价: 1–5 stars and an optional comment, once per ticket. */
export function RateModal({ open, title, isSaving, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => form.submit()} okText={t('servicedesk.rate.submit')} okButtonProps={withTestId({ loading: isSaving }, 'rate-submit')} forceRender>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ score: 5 }}
        onFinish={(v) => onSubmit({ score: v.score, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) })}
        data-testid="rate-form"
      >
        <Form.Item name="score" label={t('servicedesk.rate.score')} rules={[requiredRule()]}>
          <Rate allowClear={false} tooltips={[1, 2, 3, 4, 5].map((n) => t(`servicedesk.rate.scores.${n as 1 | 2 | 3 | 4 | 5}`))} style={{ fontSize: 32 }} data-testid="rate-score" />
        </Form.Item>
        <Form.Item name="comment" label={t('servicedesk.rate.comment')} rules={[zodRule(TicketSatisfactionInput.shape.comment)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t('servicedesk.rate.commentPlaceholder')} data-testid="rate-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
